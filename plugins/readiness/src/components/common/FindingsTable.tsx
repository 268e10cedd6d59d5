import { Table, TableColumn } from '@backstage/core-components';
import { Typography } from '@material-ui/core';
import {
  CheckDefinition,
  formatResource,
} from '@hatchway/plugin-readiness-common';
import type { ReactElement, ReactNode } from 'react';
import type { ReadinessFinding } from '../../api/types';
import { CATEGORY_LABELS, STATUS_LABELS } from './labels';
import { SeverityChip } from './SeverityChip';

/** The check's title from the catalogue; policy-report findings show their policy. */
export function checkTitle(
  finding: ReadinessFinding,
  checks: ReadonlyMap<string, CheckDefinition>,
): string {
  const policy = finding.policyReport;
  return (
    checks.get(finding.checkId)?.title ??
    (policy
      ? `${policy.policy}${policy.rule ? `/${policy.rule}` : ''}`
      : finding.checkId)
  );
}

function columns(
  checks: ReadonlyMap<string, CheckDefinition>,
): TableColumn<ReadinessFinding>[] {
  return [
    {
      title: 'Severity',
      width: '110px',
      render: f => <SeverityChip severity={f.severity} />,
    },
    {
      title: 'Check',
      render: f => (
        <>
          <Typography variant="body2">{checkTitle(f, checks)}</Typography>
          <Typography variant="caption" color="textSecondary">
            {f.checkId}
          </Typography>
        </>
      ),
    },
    {
      title: 'Resource',
      render: f => (
        <>
          <Typography variant="body2">{formatResource(f.resource)}</Typography>
          {f.container && (
            <Typography variant="caption" color="textSecondary">
              container {f.container}
            </Typography>
          )}
        </>
      ),
    },
    {
      title: 'Category',
      render: f => CATEGORY_LABELS[f.category] ?? f.category,
    },
    {
      title: 'Owner',
      render: f => (f.owners?.length ? f.owners.join(', ') : '—'),
    },
    { title: 'Status', render: f => STATUS_LABELS[f.status] ?? f.status },
    { title: 'Message', field: 'message' },
  ];
}

/**
 * Findings in a Backstage table; a click on a row opens it (see `FindingDrawer`).
 * Paging is the table's own unless the caller pages on the server (`paging={false}`).
 */
export const FindingsTable = (props: {
  findings: ReadinessFinding[];
  checks: ReadonlyMap<string, CheckDefinition>;
  onSelect: (finding: ReadinessFinding) => void;
  title?: string | ReactElement;
  loading?: boolean;
  paging?: boolean;
  emptyContent?: ReactNode;
}) => (
  <Table<ReadinessFinding>
    title={props.title ?? 'Findings'}
    isLoading={props.loading}
    data={props.findings}
    columns={columns(props.checks)}
    onRowClick={(_, finding) => finding && props.onSelect(finding)}
    options={{
      paging: props.paging ?? true,
      pageSize: 20,
      search: props.paging ?? true,
      padding: 'dense',
    }}
    emptyContent={
      props.emptyContent ?? (
        <Typography style={{ padding: 16 }} color="textSecondary">
          No findings match.
        </Typography>
      )
    }
  />
);
