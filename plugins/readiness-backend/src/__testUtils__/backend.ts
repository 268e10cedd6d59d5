import { ServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import request from 'supertest';
import readinessPlugin from '..';

export const JANE = 'user:default/jane';

/** Permissions that deny exactly the named ones. */
export function denying(...names: string[]): ServiceFactory {
  return mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => ({
        result: names.includes(r.permission.name)
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
      })),
  }).factory;
}

/** Cluster locator config, as the Backstage Kubernetes plugin reads it. */
export function clustersConfig(clusters: Array<{ name: string; url: string }>) {
  return {
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: clusters.map(c => ({
            ...c,
            title: `${c.name} cluster`,
            authProvider: 'serviceAccount',
            serviceAccountToken: 'test-token',
            // client-node refuses plain http otherwise; test servers do not speak TLS.
            skipTLSVerify: true,
          })),
        },
      ],
    },
  };
}

/** The readiness plugin on a test backend with a mocked catalog and the given config. */
export async function startReadiness(options: {
  config: object;
  entities?: Entity[];
  permissions?: ServiceFactory;
  scheduler?: ServiceFactory;
  /** From TestDatabases: the test backend's default database leaves a handle open. */
  knex: Knex;
}) {
  const backend = await startTestBackend({
    features: [
      readinessPlugin,
      mockServices.rootConfig.factory({ data: options.config }),
      catalogServiceMock.factory({ entities: options.entities ?? [] }),
      options.permissions ??
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      mockServices.database.factory({ knex: options.knex }),
      ...(options.scheduler ? [options.scheduler] : []),
    ],
  });
  const auth = mockCredentials.user.header(JANE);
  const api = request(backend.server);
  return {
    backend,
    get: (path: string) =>
      api.get(`/api/readiness${path}`).set('Authorization', auth),
    post: (path: string, body?: object) =>
      api.post(`/api/readiness${path}`).set('Authorization', auth).send(body),
    del: (path: string) =>
      api.delete(`/api/readiness${path}`).set('Authorization', auth),
    anonymous: api,
  };
}
