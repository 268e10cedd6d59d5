import { useApi } from '@backstage/frontend-plugin-api';
import {
  Dialog,
  DialogContent,
  DialogTitle,
  Grid,
  TextField,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import type { CheckDefinition, ReadinessExemption } from '../../api/types';
import { ChangeEvent, useState } from 'react';
import { readinessApiRef } from '../../api/ReadinessApi';
import { DialogButtons } from './DialogButtons';
import {
  EMPTY_EXEMPTION_FORM,
  ExemptionFormErrors,
  ExemptionFormValues,
  validateExemptionForm,
} from './exemptionForm';
import { useSubmission } from './useSubmission';

type FieldProps = {
  name: keyof ExemptionFormValues;
  label: string;
  helperText?: string;
};

/**
 * Creates an exemption: check ids, the resources it covers, a reason and an expiry. Problems a
 * person can fix are shown under their field; the backend's refusal is shown as it worded it.
 */
export const ExemptionDialog = (props: {
  open: boolean;
  initialValues?: Partial<ExemptionFormValues>;
  checks: ReadonlyMap<string, CheckDefinition>;
  onClose: () => void;
  onCreated: (exemption: ReadinessExemption) => void;
}) => {
  const { open, initialValues, checks, onClose, onCreated } = props;
  const api = useApi(readinessApiRef);
  // Callers mount the dialog when they open it, so the initial values are read once.
  const [values, setValues] = useState<ExemptionFormValues>(() => ({
    ...EMPTY_EXEMPTION_FORM,
    ...initialValues,
  }));
  const [errors, setErrors] = useState<ExemptionFormErrors>({});
  const {
    busy: submitting,
    error: submitError,
    submit: createExemption,
  } = useSubmission();

  const field = ({ name, label, helperText }: FieldProps) => ({
    id: `readiness-exemption-${name}`,
    name,
    label,
    value: values[name],
    error: !!errors[name],
    helperText: errors[name] ?? helperText,
    fullWidth: true,
    onChange: (e: ChangeEvent<HTMLInputElement>) =>
      setValues(v => ({ ...v, [name]: e.target.value })),
  });

  const submit = async () => {
    const result = validateExemptionForm(values, checks);
    if ('errors' in result) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    await createExemption(async () =>
      onCreated(await api.createExemption(result.request)),
    );
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      maxWidth="sm"
      fullWidth
      aria-labelledby="readiness-exemption-title"
    >
      <DialogTitle id="readiness-exemption-title">New exemption</DialogTitle>
      <DialogContent>
        {submitError && (
          <Alert severity="error" role="alert" style={{ marginBottom: 16 }}>
            {submitError}
          </Alert>
        )}
        <Grid container spacing={2}>
          <Grid item xs={12}>
            <TextField
              {...field({
                name: 'checkIds',
                label: 'Check ids',
                helperText:
                  'Comma-separated, e.g. run-as-non-root, or * for every check',
              })}
              required
            />
          </Grid>
          <Grid item xs={6}>
            <TextField {...field({ name: 'cluster', label: 'Cluster' })} />
          </Grid>
          <Grid item xs={6}>
            <TextField {...field({ name: 'namespace', label: 'Namespace' })} />
          </Grid>
          <Grid item xs={6}>
            <TextField
              {...field({
                name: 'kind',
                label: 'Kind',
                helperText: 'e.g. Deployment',
              })}
            />
          </Grid>
          <Grid item xs={6}>
            <TextField
              {...field({ name: 'namePrefix', label: 'Name prefix' })}
            />
          </Grid>
          <Grid item xs={12}>
            <TextField
              {...field({
                name: 'labels',
                label: 'Labels',
                helperText: 'key=value, comma-separated; all must match',
              })}
            />
          </Grid>
          <Grid item xs={12}>
            <TextField
              {...field({ name: 'reason', label: 'Reason' })}
              required
              multiline
              minRows={2}
            />
          </Grid>
          <Grid item xs={6}>
            <TextField
              {...field({
                name: 'owner',
                label: 'Owner',
                helperText: 'e.g. group:default/team-a; defaults to you',
              })}
            />
          </Grid>
          <Grid item xs={6}>
            <TextField
              {...field({
                name: 'expiresOn',
                label: 'Expires on',
                helperText: 'Stops applying at 00:00 UTC that day',
              })}
              type="date"
              required
              InputLabelProps={{ shrink: true }}
            />
          </Grid>
        </Grid>
      </DialogContent>
      <DialogButtons
        onCancel={onClose}
        action={{ label: 'Create exemption', color: 'primary' }}
        onAction={submit}
        busy={submitting}
      />
    </Dialog>
  );
};
