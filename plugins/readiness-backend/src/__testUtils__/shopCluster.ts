import { RunningApiServer, startApiServer } from '@hatchway/kube-emulator';
import { AppsV1Api, KubeConfig } from '@kubernetes/client-node';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Knex } from 'knex';
import { clustersConfig, startReadiness } from './backend';
import { TEST_TOKEN } from './emulator';

/** The catalog entity whose two Deployments (shop-api, shop-api-worker) the shop cluster runs. */
export const shopApi = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'shop-api',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'shop-api' },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
};

/**
 * The emulator's API server holding `__fixtures__/shop-cluster.yaml` (the hardened shop
 * namespace, the legacy namespace and its worker), readable with the token `clustersConfig` gives.
 */
export async function startShopCluster(): Promise<RunningApiServer> {
  const emulator = await startApiServer({
    tokens: { [TEST_TOKEN]: 'system:serviceaccount:hatchway:readiness' },
  });
  await emulator.applyManifests(
    readFileSync(
      resolve(__dirname, '../__fixtures__/shop-cluster.yaml'),
      'utf8',
    ),
  );
  return emulator;
}

/** A client-node AppsV1Api on the emulator, as an operator changing Deployments uses it. */
export function appsClient(emulator: RunningApiServer): AppsV1Api {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(emulator.kubeConfig());
  return kubeConfig.makeApiClient(AppsV1Api);
}

/**
 * Reads until `done` holds or the time is up; how long it took, and the last value read (shown
 * when it times out).
 */
export async function waitFor<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean = Boolean,
  timeoutMs = 30_000,
): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  let value = await read();
  while (!done(value)) {
    if (Date.now() - started > timeoutMs) {
      throw new Error(
        `Timed out waiting for ${what}; last: ${JSON.stringify(value)}`,
      );
    }
    await new Promise(r => setTimeout(r, 50));
    value = await read();
  }
  return { value, ms: Date.now() - started };
}

/** Fakes only Date, so that the backend, the database and the emulator keep running. */
export function setClock(now: Date) {
  jest.useFakeTimers({
    now,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
}

/**
 * The shop cluster in the emulator and the readiness plugin watching it as cluster `emulator`,
 * on the given database, with `shopApi` in the catalog; `entity` reads shop-api's readiness and
 * `scan` runs a scan that must be accepted.
 */
export async function startShopReadiness(knex: Knex) {
  const emulator = await startShopCluster();
  const api = await startReadiness({
    config: clustersConfig([{ name: 'emulator', url: emulator.url }]),
    entities: [shopApi],
    knex,
  });
  return {
    emulator,
    api,
    entity: (days = 30) =>
      api.get(`/entities/component/default/shop-api?days=${days}`),
    async scan() {
      const res = await api.post('/scans?cluster=emulator');
      expect(res.status).toBe(200);
      return res.body.scan;
    },
    async stop() {
      await api.backend.stop();
      await emulator.close();
    },
  };
}
