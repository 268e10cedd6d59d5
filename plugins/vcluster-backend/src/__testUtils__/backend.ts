import { BackendFeature } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { Knex } from 'knex';
import request from 'supertest';
import vclusterPlugin from '..';
import { TEST_TOKEN } from './emulator';
import { portalPermissions, portalUserInfo } from './portalPolicy';

/** Config of one host cluster at `url`, as the Backstage Kubernetes plugin reads it. */
export function hostClusterConfig(url: string, vcluster: object = {}) {
  return {
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name: 'host',
              url,
              authProvider: 'serviceAccount',
              serviceAccountToken: TEST_TOKEN,
              skipTLSVerify: true,
            },
          ],
        },
      ],
    },
    vcluster: {
      reconcile: {
        resyncSeconds: 1,
        housekeepingSeconds: 3600,
        leaseSeconds: 10,
      },
      ...vcluster,
    },
  };
}

/**
 * The vCluster plugin on a test backend with the portal's permission decisions, provisioning
 * with its built-in `direct` provisioner (the real DirectProvisioner) like the portal.
 */
export async function startVClusterBackend(options: {
  config: object;
  /** From TestDatabases; unset gives each plugin its own in-memory SQLite (needed when the
   * catalog runs too: plugins sharing one knex would share one migrations table). */
  knex?: Knex;
  extraFeatures?: BackendFeature[];
  /** Extension points of plugins the test does not start, e.g. the scaffolder's actions. */
  extensionPoints?: Parameters<typeof startTestBackend>[0]['extensionPoints'];
}) {
  const backend = await startTestBackend({
    extensionPoints: options.extensionPoints,
    features: [
      vclusterPlugin,
      mockServices.rootConfig.factory({ data: options.config }),
      ...(options.knex
        ? [mockServices.database.factory({ knex: options.knex })]
        : []),
      // The real scheduler: resync and housekeeping run periodically, as in the portal.
      schedulerServiceFactory,
      portalPermissions(),
      portalUserInfo(),
      ...(options.extraFeatures ?? []),
    ],
  });
  const api = request(backend.server);
  const as = (user: string) => {
    const auth = mockCredentials.user.header(user);
    return {
      get: (path: string) =>
        api.get(`/api/vcluster${path}`).set('Authorization', auth),
      post: (path: string, body?: object) =>
        api.post(`/api/vcluster${path}`).set('Authorization', auth).send(body),
      del: (path: string) =>
        api.delete(`/api/vcluster${path}`).set('Authorization', auth),
    };
  };
  return { backend, api, as };
}
