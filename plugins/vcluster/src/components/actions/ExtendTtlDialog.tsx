import { Progress } from '@backstage/core-components';
import type { VCluster } from '@hatchway/plugin-vcluster-common';
import { DialogContentText, TextField } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { describeError } from '../../api/describeError';
import { useSubmission } from '../../hooks/useSubmission';
import { useVClusterConfig } from '../../hooks/useVClusterConfig';
import { ttlError } from '../create/createForm';
import { ActionDialog } from './ActionDialog';

/** Sets a vCluster's TTL to a number of hours from now, up to its size's maximum. */
export const ExtendTtlDialog = (props: {
  vcluster: VCluster;
  open: boolean;
  onClose: () => void;
  onExtend: (ttlHours: number) => Promise<void>;
}) => {
  const { vcluster, open, onClose, onExtend } = props;
  const { config, loading, error: configError } = useVClusterConfig();
  const size = config?.sizes.find(s => s.name === vcluster.size);
  // Undefined until the user types: then the field shows the size's default TTL.
  const [typed, setHours] = useState<string>();
  const hours = typed ?? (size ? String(size.defaultTtlHours) : '');
  const { busy, error, submit } = useSubmission();

  const invalid = size ? ttlError(hours, size) : undefined;
  const extend = () =>
    submit(async () => {
      await onExtend(Number(hours));
      onClose();
    });

  return (
    <ActionDialog
      titleId="vcluster-ttl-title"
      title={<>Extend the TTL of {vcluster.name}</>}
      open={open}
      onClose={onClose}
      action={{ label: 'Extend', color: 'primary' }}
      actionDisabled={!size || Boolean(invalid) || busy}
      onAction={extend}
    >
      {loading && <Progress />}
      {configError && (
        <Alert severity="error">{describeError(configError)}</Alert>
      )}
      {error && <Alert severity="error">{describeError(error)}</Alert>}
      {size && (
        <>
          <DialogContentText>
            It will be deleted this many hours from now. A {size.name} vCluster
            lives at most {size.maxTtlHours} hours.
          </DialogContentText>
          <TextField
            id="vcluster-extend-ttl"
            label="TTL (hours)"
            type="number"
            value={hours}
            onChange={e => setHours(e.target.value)}
            error={Boolean(invalid)}
            helperText={invalid ?? `At most ${size.maxTtlHours} hours`}
            inputProps={{ min: 1, max: size.maxTtlHours }}
            fullWidth
            margin="dense"
          />
        </>
      )}
    </ActionDialog>
  );
};
