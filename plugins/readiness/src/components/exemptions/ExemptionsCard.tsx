import { ErrorPanel, Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Box, Button, Chip, IconButton, Typography } from '@material-ui/core';
import AddIcon from '@material-ui/icons/Add';
import DeleteIcon from '@material-ui/icons/Delete';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { readinessApiRef } from '../../api/ReadinessApi';
import type { ReadinessExemption as Exemption } from '../../api/types';
import { describeError } from '../../api/responseError';
import { formatTime } from '../common/labels';
import { DeleteExemptionDialog } from './DeleteExemptionDialog';
import { describeMatch } from './exemptionForm';

function columns(onDelete?: (e: Exemption) => void): TableColumn<Exemption>[] {
  const list: TableColumn<Exemption>[] = [
    { title: 'Checks', render: e => e.checkIds.join(', ') },
    { title: 'Applies to', render: e => describeMatch(e.match) },
    { title: 'Reason', field: 'reason' },
    { title: 'Owner', field: 'owner' },
    {
      title: 'Expires',
      render: e => (
        <>
          {formatTime(e.expiresAt)}{' '}
          {!e.active && <Chip size="small" label="Expired" />}
        </>
      ),
    },
    {
      title: 'Created by',
      render: e => `${e.createdBy} · ${formatTime(e.createdAt)}`,
    },
  ];
  if (onDelete) {
    list.push({
      title: '',
      width: '56px',
      render: e => (
        <IconButton
          size="small"
          aria-label={`Delete exemption of ${e.checkIds.join(', ')}`}
          onClick={() => onDelete(e)}
        >
          <DeleteIcon fontSize="small" />
        </IconButton>
      ),
    });
  }
  return list;
}

/** Exemptions that can apply in a cluster: those naming it and those naming no cluster. */
function appliesIn(exemption: Exemption, cluster: string | undefined) {
  return (
    !cluster || !exemption.match.cluster || exemption.match.cluster === cluster
  );
}

/**
 * The exemptions of a cluster with their reason, owner and expiry. `onNew` and `canDelete`
 * are only set for users the permission policy lets change them.
 */
export const ExemptionsCard = (props: {
  cluster?: string;
  /** Bumped by the caller after it created an exemption, to reload the list. */
  version: number;
  onNew?: () => void;
  canDelete: boolean;
  onChanged: () => void;
}) => {
  const { cluster, version, onNew, canDelete, onChanged } = props;
  const api = useApi(readinessApiRef);
  const [deleting, setDeleting] = useState<Exemption>();
  const exemptions = useAsyncRetry(() => api.getExemptions(), [api, version]);

  if (exemptions.error) {
    return (
      <ErrorPanel
        error={exemptions.error}
        title={`Could not load exemptions: ${describeError(exemptions.error)}`}
      />
    );
  }
  return (
    <>
      {onNew && (
        <Box display="flex" justifyContent="flex-end" mb={1}>
          <Button
            color="primary"
            variant="outlined"
            startIcon={<AddIcon />}
            onClick={onNew}
          >
            New exemption
          </Button>
        </Box>
      )}
      <Table<Exemption>
        title="Exemptions"
        isLoading={exemptions.loading}
        data={(exemptions.value ?? []).filter(e => appliesIn(e, cluster))}
        columns={columns(canDelete ? setDeleting : undefined)}
        options={{ paging: false, search: false, padding: 'dense' }}
        emptyContent={
          <Typography style={{ padding: 16 }} color="textSecondary">
            No exemptions: every failure counts.
          </Typography>
        }
      />
      <DeleteExemptionDialog
        exemption={deleting}
        onClose={() => setDeleting(undefined)}
        onDeleted={() => {
          setDeleting(undefined);
          exemptions.retry();
          onChanged();
        }}
      />
    </>
  );
};
