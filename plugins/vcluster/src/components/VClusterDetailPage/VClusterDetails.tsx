import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import type { VCluster } from '@hatchway/plugin-vcluster-common';
import { Grid } from '@material-ui/core';
import { VClusterActions } from '../actions/VClusterActions';
import { ConnectInstructions } from '../common/ConnectInstructions';
import { formatBytes, formatCpu, formatTtlLeft } from '../common/formatting';
import { PhaseStatus } from '../common/PhaseStatus';

const when = (iso?: string) => (iso ? new Date(iso).toLocaleString() : '—');

/**
 * Everything about one vCluster: status, expiry, usage, how to connect and its actions. Shared
 * by the vCluster's page and the entity tab of its catalog Resource.
 */
export const VClusterDetails = (props: {
  vcluster: VCluster;
  onChanged: () => void;
}) => {
  const { vcluster, onChanged } = props;
  const { usage } = vcluster;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={6}>
        <InfoCard
          title="Status"
          action={<VClusterActions vcluster={vcluster} onChanged={onChanged} />}
        >
          <StructuredMetadataTable
            metadata={{
              phase: <PhaseStatus vcluster={vcluster} />,
              owner: vcluster.owner,
              size: vcluster.size,
              'host cluster': vcluster.cluster,
              'host namespace': vcluster.namespace,
              created: when(vcluster.createdAt),
              ready: when(vcluster.readyAt),
            }}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Expiry and activity">
          <StructuredMetadataTable
            metadata={{
              expires: when(vcluster.expiresAt),
              'TTL left': formatTtlLeft(vcluster.expiresAt),
              'last activity': when(vcluster.lastActivityAt),
              ...(vcluster.sleepingSince && {
                'sleeping since': when(vcluster.sleepingSince),
              }),
            }}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Usage">
          {usage ? (
            <StructuredMetadataTable
              metadata={{
                'CPU requests': formatCpu(usage.cpuRequestsMillicores),
                'memory requests': formatBytes(usage.memoryRequestsBytes),
                'running hours': usage.runningHours.toFixed(1),
              }}
            />
          ) : (
            'No usage measured yet.'
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="How to connect">
          <ConnectInstructions name={vcluster.name} />
        </InfoCard>
      </Grid>
    </Grid>
  );
};
