import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { VClusterClient } from '@hatchway/plugin-vcluster-common';

/** The part of a scaffolder action context that says who runs the task. */
export interface TaskInitiator {
  getInitiatorCredentials(): Promise<BackstageCredentials>;
}

/**
 * Builds a vCluster client for the user running a task. Each action step asks for its own, so
 * a token never outlives the step.
 * @public
 */
export type VClusterClientFactory = (
  initiator: TaskInitiator,
) => Promise<VClusterClient>;

/**
 * A client whose requests carry a token issued on behalf of the task's initiator: the vCluster
 * backend then owns, quotas and authorizes the vCluster as that user, never as the scaffolder.
 * @public
 */
export function createUserScopedClientFactory(options: {
  discovery: DiscoveryService;
  auth: AuthService;
}): VClusterClientFactory {
  const { discovery, auth } = options;
  return async initiator => {
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await initiator.getInitiatorCredentials(),
      targetPluginId: 'vcluster',
    });
    return new VClusterClient({
      discoveryApi: discovery,
      fetchApi: {
        fetch: (input, init) => {
          const headers = new Headers(init?.headers);
          headers.set('Authorization', `Bearer ${token}`);
          return fetch(input, { ...init, headers });
        },
      },
    });
  };
}
