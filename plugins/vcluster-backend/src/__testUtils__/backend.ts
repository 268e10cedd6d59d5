import {
  createBackendModule,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import type { VClusterProvisioner } from '@hatchway/plugin-vcluster-node';
import { Knex } from 'knex';
import request from 'supertest';
import vclusterPlugin, { vclusterProvisionerExtensionPoint } from '..';
import { TEST_TOKEN } from './emulator';
import { portalPermissions, portalUserInfo } from './portalPolicy';
import { TestProvisioner } from './TestProvisioner';

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

/** The vCluster plugin on a test backend with the portal's permission decisions. */
export async function startVClusterBackend(options: {
  config: object;
  /** From TestDatabases; unset gives each plugin its own in-memory SQLite (needed when the
   * catalog runs too: plugins sharing one knex would share one migrations table). */
  knex?: Knex;
  provisioner?: VClusterProvisioner;
  extraFeatures?: ServiceFactory[];
}) {
  const provisioner = options.provisioner ?? new TestProvisioner();
  const backend = await startTestBackend({
    features: [
      vclusterPlugin,
      createBackendModule({
        pluginId: 'vcluster',
        moduleId: 'test-provisioner',
        register(env) {
          env.registerInit({
            deps: { provisioners: vclusterProvisionerExtensionPoint },
            async init({ provisioners }) {
              provisioners.addProvisioner(provisioner);
            },
          });
        },
      }),
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
