import { mockServices } from '@backstage/backend-test-utils';
import type { RunningEmulator } from '@hatchway/kube-emulator';
// The vCluster backend's own test harness (its devDependencies, this monorepo only), so the
// actions run against the real backend rather than a stand-in; it is not part of its API.
// eslint-disable-next-line @backstage/no-forbidden-package-imports, @backstage/no-mixed-plugin-imports
import {
  hostClusterConfig,
  startHostEmulator,
  startVClusterBackend,
} from '@hatchway/plugin-vcluster-backend/src/__testUtils__';
import { createKubeconfigUrlResolver } from '../client/kubeconfigUrl';
import {
  createUserScopedClientFactory,
  VClusterClientFactory,
} from '../client/userScopedClient';
import type { KubeconfigUrlResolver } from '../client/kubeconfigUrl';

/** Where users reach the portal, for the kubeconfig URLs the actions output. */
export const PORTAL_API = 'https://portal.example.com/api';

/** A started vCluster backend on the emulator and what the actions need to reach it. */
export interface VClusterBackendRef {
  clientFor: VClusterClientFactory;
  kubeconfigUrlFor: KubeconfigUrlResolver;
  /** Requests to `/api/vcluster` as a user, to check what the actions did. */
  as: Awaited<ReturnType<typeof startVClusterBackend>>['as'];
  emulator: RunningEmulator;
}

/**
 * The real vCluster backend (fresh database per test) on an emulated host cluster shared by the
 * file's tests, and a client factory that reaches it the way the module does: a token issued on
 * behalf of the task's initiator.
 */
export function useVClusterBackend(vcluster: object = {}): VClusterBackendRef {
  const ref = {} as VClusterBackendRef;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    ref.emulator = await startHostEmulator();
  });
  afterAll(() => ref.emulator.close());
  beforeEach(async () => {
    const { backend, as } = await startVClusterBackend({
      config: hostClusterConfig(ref.emulator.server.url, vcluster),
    });
    stop = () => backend.stop();
    const base = `http://localhost:${
      (backend.server.address() as any).port
    }/api`;
    const discovery = {
      getBaseUrl: async (pluginId: string) => `${base}/${pluginId}`,
      getExternalBaseUrl: async (pluginId: string) =>
        `${PORTAL_API}/${pluginId}`,
    };
    ref.as = as;
    ref.clientFor = createUserScopedClientFactory({
      discovery,
      auth: mockServices.auth(),
    });
    ref.kubeconfigUrlFor = createKubeconfigUrlResolver(discovery);
  });
  afterEach(() => stop());
  return ref;
}

/** The audit entries of one vCluster as `action actor`, oldest first. */
export async function auditOf(
  ref: VClusterBackendRef,
  name: string,
): Promise<string[]> {
  const res = await ref
    .as('user:default/root')
    .get(`/audit?cluster=${encodeURIComponent(name)}&limit=100`);
  return (res.body.items as Array<{ action: string; actor: string }>)
    .map(e => `${e.action} ${e.actor}`)
    .reverse();
}
