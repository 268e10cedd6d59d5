import { LoggerService } from '@backstage/backend-plugin-api';
import { RunningEmulator, startEmulator } from '@hatchway/kube-emulator';
import {
  AuthorizationV1Api,
  KubeConfig,
  KubernetesObject,
  loadAllYaml,
} from '@kubernetes/client-node';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * The Helm chart rendered with helm from the repo's tool folder, and an emulated cluster with
 * RBAC enforced that holds the chart's RBAC objects, for proving what the portal's and the
 * gateway's ServiceAccounts may do.
 */

/** The repository root, found through a workspace package (jest runs with the package as cwd). */
export const REPO_ROOT = path.resolve(
  path.dirname(require.resolve('@hatchway/kube-emulator/package.json')),
  '../..',
);
const HELM = process.env.HELM ?? path.join(REPO_ROOT, '.tools/bin/helm');
// HATCHWAY_CHART_DIR points the test at a modified copy of the chart (e.g. to see it fail).
/** The chart under test (its `ci/*-values.yaml` files are values files to render with). */
export const CHART =
  process.env.HATCHWAY_CHART_DIR ?? path.join(REPO_ROOT, 'charts/hatchway');

/** The release the tests install: `rel` in namespace `portal`. */
export const RELEASE = { name: 'rel', namespace: 'portal' };

/**
 * `helm template` of the chart with the given `--set`s over its default values (or over
 * `valuesFiles`, e.g. `ci/production-values.yaml`), as objects.
 */
export function renderChart(
  sets: string[] = [],
  valuesFiles: string[] = [],
): KubernetesObject[] {
  const out = execFileSync(
    HELM,
    [
      'template',
      RELEASE.name,
      CHART,
      '--namespace',
      RELEASE.namespace,
      ...valuesFiles.flatMap(f => ['-f', path.join(CHART, f)]),
      ...sets.flatMap(s => ['--set', s]),
    ],
    { encoding: 'utf8' },
  );
  return (loadAllYaml(out) as Array<KubernetesObject | null>).filter(
    (o): o is KubernetesObject => !!o?.kind,
  );
}

const RBAC_GROUP = 'rbac.authorization.k8s.io/v1';
/** What the test applies: namespaces, ServiceAccounts and RBAC. Workloads are not needed. */
const APPLIED = (o: KubernetesObject) =>
  (o.apiVersion === 'v1' &&
    ['Namespace', 'ServiceAccount'].includes(o.kind!)) ||
  o.apiVersion === RBAC_GROUP;

/** The ServiceAccount a rendered Deployment runs as, as a user name. */
export function serviceAccountUser(
  objects: KubernetesObject[],
  deployment: string,
): string {
  const found = objects.find(
    o => o.kind === 'Deployment' && o.metadata?.name === deployment,
  ) as any;
  const name = found?.spec?.template?.spec?.serviceAccountName;
  if (!name) throw new Error(`The chart renders no Deployment ${deployment}`);
  return `system:serviceaccount:${RELEASE.namespace}:${name}`;
}

/** An emulated cluster (controllers included) with the chart's RBAC applied. */
export interface RbacCluster {
  emulator: RunningEmulator;
  /** Cluster admin. */
  admin: KubeConfig;
  /** KubeConfig authenticating as the user. */
  as(user: string): KubeConfig;
  /** The bearer token of the user (for config-driven clients). */
  tokenOf(user: string): string;
  close(): Promise<void>;
}

const octet = (min: number, max: number) =>
  min + Math.floor(Math.random() * (max - min + 1));

export async function startRbacCluster(
  objects: KubernetesObject[],
  users: string[],
  options: { controllers?: boolean } = {},
): Promise<RbacCluster> {
  const emulator = await startEmulator({
    rbac: true,
    runControllers: options.controllers ?? true,
    tokens: Object.fromEntries(users.map((u, i) => [`chart-rbac-${i}`, u])),
    controllers: {
      // A /24 of its own: nested vCluster API servers are found by pod IP.
      podIpRange: `127.${octet(201, 230)}.${octet(0, 255)}.0/24`,
      // A simulated second is 20 ms, so probes and restarts pass quickly.
      timings: {
        msPerSecond: 20,
        probeDelayMsPerSecond: 20,
        maxProbePeriodMs: 50,
        restartBackoffMs: 40,
        maxRestartBackoffMs: 200,
        crashRunMs: 30,
        maxTerminationGraceMs: 500,
        watchRetryMs: 50,
      },
      logger: { info() {}, warn() {}, error() {} },
    },
  });
  const { server } = emulator;
  // The release namespace and those the chart expects to exist (e.g. Argo CD's), then the rest.
  const applied = objects.filter(APPLIED);
  const namespaces = new Set([
    RELEASE.namespace,
    ...applied.map(o => o.metadata?.namespace).filter((n): n is string => !!n),
  ]);
  await server.applyManifests(
    [
      ...[...namespaces].map(name => ({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name },
      })),
      ...applied,
    ]
      .map(o => JSON.stringify(o))
      .join('\n---\n'),
  );
  const kubeConfig = (user?: string) => {
    const kc = new KubeConfig();
    kc.loadFromString(server.kubeConfig(user));
    return kc;
  };
  return {
    emulator,
    admin: kubeConfig(),
    as: user => kubeConfig(user),
    tokenOf: user => `chart-rbac-${users.indexOf(user)}`,
    close: () => emulator.close(),
  };
}

/** The HTTP status a request ends with: 2xx on success, the API error's code otherwise. */
export async function statusOf(request: () => Promise<unknown>) {
  try {
    await request();
    return 200;
  } catch (error: any) {
    const code =
      error?.code ?? error?.statusCode ?? error?.response?.statusCode;
    if (typeof code === 'number') return code;
    throw error;
  }
}

/** A request as the user of the KubeConfig, e.g. `POST /api/v1/namespaces/default/configmaps`. */
export interface RawRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  body?: object;
}

/** The HTTP status of a raw request with the user's token (also for exec, attach, proxy). */
export async function rawStatus(
  kc: KubeConfig,
  { method, path: urlPath, body }: RawRequest,
): Promise<number> {
  const options: any = { headers: {} };
  await kc.applyToHTTPSOptions(options);
  const contentType =
    method === 'PATCH' ? 'application/merge-patch+json' : 'application/json';
  const res = await fetch(`${kc.getCurrentCluster()!.server}${urlPath}`, {
    method,
    headers: {
      ...options.headers,
      ...(body && { 'content-type': contentType }),
    },
    body: body && JSON.stringify(body),
  });
  await res.arrayBuffer();
  return res.status;
}

/** What `kubectl auth can-i` asks: the authorizer's answer for the user of the KubeConfig. */
export async function canI(
  kc: KubeConfig,
  attributes: {
    verb: string;
    group?: string;
    resource: string;
    subresource?: string;
    namespace?: string;
    name?: string;
  },
): Promise<boolean> {
  const review = await kc
    .makeApiClient(AuthorizationV1Api)
    .createSelfSubjectAccessReview({
      body: { spec: { resourceAttributes: attributes } },
    });
  return review.status?.allowed === true;
}

/** A logger that keeps warnings and errors, so a test can show a watch never failed. */
export function recordingLogger(): LoggerService & { problems: string[] } {
  const problems: string[] = [];
  const logger: any = {
    problems,
    debug() {},
    info() {},
    warn: (message: string, meta?: object) =>
      problems.push(`${message} ${JSON.stringify(meta ?? {})}`),
    error: (message: string, meta?: object) =>
      problems.push(`${message} ${JSON.stringify(meta ?? {})}`),
    child: () => logger,
  };
  return logger;
}
