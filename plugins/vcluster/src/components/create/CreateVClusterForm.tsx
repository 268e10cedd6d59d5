import { useApi } from '@backstage/frontend-plugin-api';
import type {
  VCluster,
  VClusterPortalConfig,
} from '@hatchway/plugin-vcluster-common';
import { Button, DialogActions, DialogContent } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { describeError } from '../../api/describeError';
import { vclusterApiRef } from '../../api/VClusterApi';
import { useSubmission } from '../../hooks/useSubmission';
import { CreateVClusterFields } from './CreateVClusterFields';
import { formErrors, initialFormValues } from './createForm';

/**
 * The create dialog's form once the sizes and owners are known: Create stays disabled while any
 * field is invalid, and a refusal from the backend is shown above the fields.
 */
export const CreateVClusterForm = (props: {
  config: VClusterPortalConfig;
  owners: string[];
  onClose: () => void;
  onCreated: (vcluster: VCluster) => void;
}) => {
  const { config, owners, onClose, onCreated } = props;
  const api = useApi(vclusterApiRef);
  const [values, setValues] = useState(() =>
    initialFormValues(config, owners[0] ?? ''),
  );
  const { busy, error: failure, submit: run } = useSubmission();
  const errors = formErrors(values, config);

  const submit = () =>
    run(async () => {
      const created = await api.create({
        name: values.name,
        size: values.size,
        ttlHours: Number(values.ttlHours),
        owner: values.owner,
        cluster: values.cluster,
      });
      onCreated(created);
      onClose();
    });

  return (
    <>
      <DialogContent>
        {failure && <Alert severity="error">{describeError(failure)}</Alert>}
        <CreateVClusterFields
          config={config}
          owners={owners}
          values={values}
          errors={errors}
          onChange={setValues}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={Object.keys(errors).length > 0 || busy}
          onClick={submit}
        >
          Create
        </Button>
      </DialogActions>
    </>
  );
};
