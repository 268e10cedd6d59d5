import { DatabaseService, LoggerService } from '@backstage/backend-plugin-api';
import { ClusterAccessService } from '@hatchway/plugin-cluster-access-node';
import { ClusterObjectReader } from '../kubernetes/types';
import { Clock } from '../service/types';
import { DatabasePodSecurityRepository } from './DatabasePodSecurityRepository';
import { DefaultPodSecurityService } from './DefaultPodSecurityService';
import { PodSecurityRecordingReader } from './PodSecurityRecordingReader';

export { podSecurityRoutes } from './podSecurityRoutes';
export type { PodSecurityQueryService } from './types';

/**
 * The Pod Security view, built for the plugin: the service the routes and the entity summary
 * read, and the reader wrapper that records what each scan reads. Its tables are created by the
 * package's migrations, which the readiness store runs first.
 * @internal
 */
export async function createPodSecurity(deps: {
  database: DatabaseService;
  clusterAccess: ClusterAccessService;
  options: { excludeNamespaces: ReadonlySet<string> };
  logger: LoggerService;
  clock: Clock;
}) {
  const service = new DefaultPodSecurityService({
    repository: new DatabasePodSecurityRepository(
      await deps.database.getClient(),
    ),
    clusterAccess: deps.clusterAccess,
    excludeNamespaces: deps.options.excludeNamespaces,
    logger: deps.logger,
    clock: deps.clock,
  });
  return {
    service,
    /** Wraps the scan's reader so each read also records the Pod Security view. */
    recording: (reader: ClusterObjectReader): ClusterObjectReader =>
      new PodSecurityRecordingReader(reader, service, deps.logger),
  };
}
