import {
  Content,
  EmptyState,
  ErrorPanel,
  InfoCard,
  Progress,
} from '@backstage/core-components';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Grid } from '@material-ui/core';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { readinessApiRef } from '../../api/ReadinessApi';
import { describeError } from '../../api/responseError';
import type { ReadinessFinding, TrendWindow } from '../../api/types';
import { FindingDrawer } from '../common/FindingDrawer';
import { FindingsTable } from '../common/FindingsTable';
import { isUnmapped, ScoreSummary } from '../common/ScoreSummary';
import { TrendCard } from '../common/TrendCard';
import { ExemptionDialog } from '../exemptions/ExemptionDialog';
import {
  ExemptionFormValues,
  formForFinding,
} from '../exemptions/exemptionForm';
import { useExemptionPermissions } from '../exemptions/useExemptionPermissions';

/** The entity's Readiness tab: its score and trend, and every finding on its resources. */
export const EntityReadinessContent = () => {
  const { entity } = useEntity();
  const api = useApi(readinessApiRef);
  const entityRef = stringifyEntityRef(entity);
  const [days, setDays] = useState<TrendWindow>(30);
  const [version, setVersion] = useState(0);
  const [selected, setSelected] = useState<ReadinessFinding>();
  const [draft, setDraft] = useState<Partial<ExemptionFormValues>>();
  const { canCreate } = useExemptionPermissions();
  const readiness = useAsync(
    () => api.getEntityReadiness(getCompoundEntityRef(entity), { days }),
    [api, entityRef, days, version],
  );
  const checks = useAsync(() => api.getChecks(), [api]);
  const checkMap = useMemo(
    () => new Map((checks.value ?? []).map(c => [c.id, c])),
    [checks.value],
  );

  if (readiness.loading && !readiness.value) return <Progress />;
  if (readiness.error) {
    return (
      <ErrorPanel
        error={readiness.error}
        title={`Could not load readiness: ${describeError(readiness.error)}`}
      />
    );
  }
  const value = readiness.value;
  if (!value || isUnmapped(value)) {
    return (
      <EmptyState
        missing="data"
        title="No scanned resources"
        description="No Kubernetes resource maps to this entity yet (backstage.io/kubernetes-id label or backstage.io/kubernetes-label-selector annotation), or its cluster has not been scanned."
      />
    );
  }
  return (
    <Content noPadding>
      <Grid container spacing={3}>
        <Grid item xs={12} md={5}>
          <InfoCard title="Score" variant="gridItem">
            <ScoreSummary score={value.score} />
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={7}>
          <TrendCard
            days={days}
            onDaysChange={setDays}
            points={value.trend}
            loading={readiness.loading}
          />
        </Grid>
        <Grid item xs={12}>
          <FindingsTable
            title={`Findings (${value.findings.length})`}
            findings={value.findings}
            checks={checkMap}
            onSelect={setSelected}
          />
        </Grid>
      </Grid>
      <FindingDrawer
        finding={selected}
        checks={checkMap}
        onClose={() => setSelected(undefined)}
        onExempt={
          canCreate
            ? f => {
                setSelected(undefined);
                setDraft(formForFinding(f));
              }
            : undefined
        }
      />
      {draft && (
        <ExemptionDialog
          open
          initialValues={draft}
          checks={checkMap}
          onClose={() => setDraft(undefined)}
          onCreated={() => {
            setDraft(undefined);
            setVersion(v => v + 1);
          }}
        />
      )}
    </Content>
  );
};
