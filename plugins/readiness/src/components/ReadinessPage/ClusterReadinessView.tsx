import { EmptyState } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Box, Grid } from '@material-ui/core';
import { useMemo, useState } from 'react';
import { useLocation } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { readinessApiRef } from '../../api/ReadinessApi';
import type { ReadinessCluster, ReadinessScope } from '../../api/types';
import { ExportLinks } from '../common/ExportLinks';
import { findingsExport } from '../common/exportSources';
import { ExemptionDialog } from '../exemptions/ExemptionDialog';
import { ExemptionsCard } from '../exemptions/ExemptionsCard';
import {
  ExemptionFormValues,
  formForFinding,
} from '../exemptions/exemptionForm';
import { useExemptionPermissions } from '../exemptions/useExemptionPermissions';
import {
  ALL_CLUSTERS,
  ClusterPicker,
  firstScannedCluster,
} from './ClusterPicker';
import {
  DEFAULT_FILTERS,
  FindingFilters,
  FindingFilterValues,
} from './FindingFilters';
import { FindingsSection } from './FindingsSection';
import { SummarySection } from './SummarySection';

/** Filters can arrive in the address, e.g. `/readiness?owner=group:default/team-a` from a team card. */
function filtersFromSearch(search: string): FindingFilterValues {
  const params = new URLSearchParams(search);
  const filters = { ...DEFAULT_FILTERS };
  for (const key of Object.keys(filters) as Array<keyof FindingFilterValues>) {
    const value = params.get(key);
    if (value !== null) (filters as Record<string, string>)[key] = value;
  }
  return filters;
}

/** `''` is every cluster: what a team card links to, since a team's workloads span clusters. */
function initialCluster(clusters: ReadinessCluster[], search: string): string {
  const params = new URLSearchParams(search);
  const wanted = params.get('cluster');
  if (
    wanted !== null &&
    (wanted === '' || clusters.some(c => c.name === wanted))
  ) {
    return wanted;
  }
  if (params.has('owner')) return ALL_CLUSTERS;
  return firstScannedCluster(clusters);
}

/** The page once there are clusters and at least one scan: one cluster at a time. */
export const ClusterReadinessView = (props: {
  clusters: ReadinessCluster[];
  /** Told of each pick, so the page can keep the cluster when the view changes. */
  onClusterChange?: (cluster: string) => void;
}) => {
  const { clusters, onClusterChange } = props;
  const { search } = useLocation();
  const api = useApi(readinessApiRef);
  const [cluster, setCluster] = useState(() =>
    initialCluster(clusters, search),
  );
  const [filters, setFilters] = useState(() => filtersFromSearch(search));
  const [version, setVersion] = useState(0);
  const [draft, setDraft] = useState<Partial<ExemptionFormValues>>();
  const { canCreate, canDelete } = useExemptionPermissions();
  const checks = useAsync(() => api.getChecks(), [api]);
  const checkMap = useMemo(
    () => new Map((checks.value ?? []).map(c => [c.id, c])),
    [checks.value],
  );
  const refresh = () => setVersion(v => v + 1);

  const scope: ReadinessScope = {
    cluster: cluster || undefined,
    namespace: filters.namespace || undefined,
    owner: filters.owner || undefined,
  };
  const query = {
    ...scope,
    severity: filters.severity || undefined,
    category: filters.category || undefined,
    check: filters.check || undefined,
    status: filters.status || undefined,
    entity: filters.entity || undefined,
  };
  const scanned =
    cluster === ALL_CLUSTERS ||
    !!clusters.find(c => c.name === cluster)?.lastSuccessfulScan;

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Box
          display="flex"
          justifyContent="space-between"
          flexWrap="wrap"
          style={{ gap: 16 }}
        >
          <ClusterPicker
            clusters={clusters}
            value={cluster}
            onChange={c => {
              setCluster(c);
              onClusterChange?.(c);
            }}
          />
          <ExportLinks source={findingsExport(api, query)} />
        </Box>
      </Grid>
      {!scanned ? (
        <Grid item xs={12}>
          <EmptyState
            missing="data"
            title={`No scan of ${cluster} yet`}
            description="Its first scheduled scan has not finished. Pick another cluster or come back later."
          />
        </Grid>
      ) : (
        <>
          <Grid item xs={12}>
            <SummarySection scope={scope} version={version} />
          </Grid>
          <Grid item xs={12}>
            <FindingFilters
              value={filters}
              checks={checks.value ?? []}
              onChange={setFilters}
            />
          </Grid>
          <Grid item xs={12}>
            <FindingsSection
              query={query}
              checks={checkMap}
              version={version}
              onExempt={
                canCreate ? f => setDraft(formForFinding(f)) : undefined
              }
            />
          </Grid>
        </>
      )}
      <Grid item xs={12}>
        <ExemptionsCard
          cluster={scope.cluster}
          version={version}
          canDelete={canDelete}
          onNew={canCreate ? () => setDraft({ cluster }) : undefined}
          onChanged={refresh}
        />
      </Grid>
      {draft && (
        <ExemptionDialog
          open
          initialValues={draft}
          checks={checkMap}
          onClose={() => setDraft(undefined)}
          onCreated={() => {
            setDraft(undefined);
            refresh();
          }}
        />
      )}
    </Grid>
  );
};
