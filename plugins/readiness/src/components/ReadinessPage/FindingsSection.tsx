import { ErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Box, TablePagination } from '@material-ui/core';
import type { CheckDefinition } from '@hatchway/plugin-readiness-common';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { readinessApiRef } from '../../api/ReadinessApi';
import { describeError } from '../../api/responseError';
import type { FindingsQuery, ReadinessFinding } from '../../api/types';
import { FindingDrawer } from '../common/FindingDrawer';
import { FindingsTable } from '../common/FindingsTable';

const PAGE_SIZES = [25, 50, 100];

/**
 * The findings of the page's scope and filters, paged on the server (a cluster can hold tens of
 * thousands), with the selected finding in a drawer.
 */
export const FindingsSection = (props: {
  query: Omit<FindingsQuery, 'limit' | 'offset'>;
  checks: ReadonlyMap<string, CheckDefinition>;
  /** Bumped after an exemption changed, to reload. */
  version: number;
  onExempt?: (finding: ReadinessFinding) => void;
}) => {
  const { query, checks, version, onExempt } = props;
  const api = useApi(readinessApiRef);
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]);
  const [selected, setSelected] = useState<ReadinessFinding>();
  const queryKey = JSON.stringify(query);

  // A new filter starts again from the first page.
  useEffect(() => setPage(0), [queryKey]);

  const findings = useAsync(
    () =>
      api.getFindings({ ...query, limit: pageSize, offset: page * pageSize }),
    // `query` by value: the parent builds a new object on every render.
    [api, queryKey, page, pageSize, version],
  );

  if (findings.error) {
    return (
      <ErrorPanel
        error={findings.error}
        title={`Could not load findings: ${describeError(findings.error)}`}
      />
    );
  }
  const total = findings.value?.totalCount ?? 0;
  return (
    <Box>
      <FindingsTable
        title={findings.loading ? 'Findings' : `Findings (${total})`}
        loading={findings.loading}
        findings={findings.value?.items ?? []}
        checks={checks}
        onSelect={setSelected}
        paging={false}
      />
      {total > PAGE_SIZES[0] && (
        <TablePagination
          component="div"
          count={total}
          page={page}
          rowsPerPage={pageSize}
          rowsPerPageOptions={PAGE_SIZES}
          onPageChange={(_, next) => setPage(next)}
          onRowsPerPageChange={e => {
            setPageSize(Number(e.target.value));
            setPage(0);
          }}
        />
      )}
      <FindingDrawer
        finding={selected}
        checks={checks}
        onClose={() => setSelected(undefined)}
        onExempt={
          onExempt &&
          (finding => {
            setSelected(undefined);
            onExempt(finding);
          })
        }
      />
    </Box>
  );
};
