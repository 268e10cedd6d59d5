import { Progress } from '@backstage/core-components';
import type { VCluster } from '@hatchway/plugin-vcluster-common';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { describeError } from '../../api/describeError';
import { useVClusterConfig } from '../../hooks/useVClusterConfig';
import { ttlError } from '../create/createForm';

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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();

  const invalid = size ? ttlError(hours, size) : undefined;
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onExtend(Number(hours));
      onClose();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="vcluster-ttl-title">
      <DialogTitle id="vcluster-ttl-title">
        Extend the TTL of {vcluster.name}
      </DialogTitle>
      <DialogContent>
        {loading && <Progress />}
        {configError && (
          <Alert severity="error">{describeError(configError)}</Alert>
        )}
        {error && <Alert severity="error">{describeError(error)}</Alert>}
        {size && (
          <>
            <DialogContentText>
              It will be deleted this many hours from now. A {size.name}{' '}
              vCluster lives at most {size.maxTtlHours} hours.
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
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={!size || Boolean(invalid) || busy}
          onClick={submit}
        >
          Extend
        </Button>
      </DialogActions>
    </Dialog>
  );
};
