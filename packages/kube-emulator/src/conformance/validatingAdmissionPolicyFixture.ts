import {
  AdmissionregistrationV1Api,
  V1ValidatingAdmissionPolicy,
  V1ValidatingAdmissionPolicyBinding,
} from '@kubernetes/client-node';
import type { RunningApiServer } from '../startApiServer';
import { Clients, clientsFor, startTestServer } from './harness';

/** Resource rules matching ConfigMaps for these operations. */
export const configMapRules = (operations: string[] = ['CREATE', 'UPDATE']) => [
  {
    apiGroups: [''],
    apiVersions: ['v1'],
    resources: ['configmaps'],
    operations,
  },
];

/** A ConfigMap body. */
export const configMap = (
  name: string,
  data: Record<string, string> = {},
  labels: Record<string, string> = {},
) => ({ metadata: { name, labels }, data });

/** What the ValidatingAdmissionPolicy tests share: a server, its clients and policy helpers. */
export interface VapFixture {
  server: RunningApiServer;
  admin: Clients;
  /** A user without special groups (token alice-token). */
  alice: Clients;
  vap: AdmissionregistrationV1Api;
  /** Creates a policy and (unless `binding` is false) a binding to it; both are removed after the test. */
  policy(
    name: string,
    spec: Partial<V1ValidatingAdmissionPolicy['spec']>,
    binding?: Partial<V1ValidatingAdmissionPolicyBinding['spec']> | false,
  ): Promise<void>;
  /** Runs `fn` after the current test (before the policies are removed). */
  onCleanup(fn: () => Promise<unknown>): void;
  /** Removes what the current test created so far, newest first. */
  cleanup(): Promise<void>;
  createCm(
    who: Clients,
    namespace: string,
    name: string,
    data?: Record<string, string>,
    labels?: Record<string, string>,
  ): ReturnType<Clients['core']['createNamespacedConfigMap']>;
}

/**
 * Registers beforeAll/afterEach/afterAll hooks that start a server with namespaces
 * prod (env=prod) and dev (env=dev); the returned object is filled in by beforeAll.
 */
export function useVapFixture(): VapFixture {
  const cleanups: Array<() => Promise<unknown>> = [];
  const f = {} as VapFixture;
  const helpers: Pick<
    VapFixture,
    'onCleanup' | 'cleanup' | 'policy' | 'createCm'
  > = {
    onCleanup(fn) {
      cleanups.push(fn);
    },
    async cleanup() {
      while (cleanups.length) await cleanups.pop()!();
    },
    async policy(name, spec, binding = {}) {
      await f.vap.createValidatingAdmissionPolicy({
        body: {
          metadata: { name },
          spec: {
            matchConstraints: { resourceRules: configMapRules() },
            ...spec,
          },
        },
      });
      cleanups.push(() => f.vap.deleteValidatingAdmissionPolicy({ name }));
      if (binding === false) return;
      await f.vap.createValidatingAdmissionPolicyBinding({
        body: {
          metadata: { name: `${name}-binding` },
          spec: { policyName: name, validationActions: ['Deny'], ...binding },
        },
      });
      cleanups.push(() =>
        f.vap.deleteValidatingAdmissionPolicyBinding({
          name: `${name}-binding`,
        }),
      );
    },
    createCm: (who, namespace, name, data, labels) =>
      who.core.createNamespacedConfigMap({
        namespace,
        body: configMap(name, data, labels),
      }),
  };
  Object.assign(f, helpers);

  beforeAll(async () => {
    const { server, ...admin } = await startTestServer({
      tokens: { 'alice-token': 'alice' },
    });
    Object.assign(f, {
      server,
      admin,
      alice: clientsFor(server, 'alice'),
      vap: admin.kc.makeApiClient(AdmissionregistrationV1Api),
    });
    for (const [name, labels] of [
      ['prod', { env: 'prod' }],
      ['dev', { env: 'dev' }],
    ] as const)
      await admin.core.createNamespace({
        body: { metadata: { name, labels } },
      });
  });
  afterEach(() => f.cleanup());
  afterAll(() => f.server.close());
  return f;
}
