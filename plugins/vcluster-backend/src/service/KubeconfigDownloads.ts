import { ConflictError, ServiceUnavailableError } from '@backstage/errors';
import { DatabaseClusterRepository } from '../database/DatabaseClusterRepository';
import { ClusterRow } from '../database/rows';
import { HostClusters } from '../provisioning/HostClusters';
import { readReachableKubeconfig } from '../provisioning/readReachableKubeconfig';
import { AuditLog } from './AuditLog';
import { Caller } from './ClusterCommands';
import { Clock } from './types';

/**
 * Hands out a Ready vCluster's kubeconfig. Each download is audited (never its content) and
 * counts as activity, which keeps the vCluster awake for the idle window.
 */
export class KubeconfigDownloads {
  constructor(
    private readonly deps: {
      clusters: DatabaseClusterRepository;
      hostClusters: HostClusters;
      audit: AuditLog;
      clock: Clock;
    },
  ) {}

  async download(row: ClusterRow, caller: Caller): Promise<string> {
    return this.deps.audit.around(
      {
        actor: caller.actor,
        action: 'kubeconfig-download',
        cluster: row.name,
        request: caller.request,
      },
      async () => {
        if (row.phase !== 'Ready') {
          throw new ConflictError(
            `vCluster '${row.name}' is ${row.phase}; its kubeconfig is available when it is Ready`,
          );
        }
        const host = this.deps.hostClusters.find(row);
        if (!host) {
          throw new ServiceUnavailableError(
            `Host cluster '${row.cluster}' is no longer configured`,
          );
        }
        const yaml = await readReachableKubeconfig(host, row);
        if (!yaml) {
          throw new ConflictError(
            `vCluster '${row.name}' has not written its kubeconfig yet`,
          );
        }
        await this.deps.clusters.update(row.name, {
          last_activity_at: this.deps.clock(),
        });
        return yaml;
      },
    );
  }
}
