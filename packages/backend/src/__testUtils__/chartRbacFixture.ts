import { KubeConfig } from '@kubernetes/client-node';
import {
  RawRequest,
  rawStatus,
  RbacCluster,
  renderChart,
  serviceAccountUser,
  startRbacCluster,
} from './chartRbacCluster';
import { optionalKindCrds } from './chartRbacRequests';

/**
 * What the chart RBAC tests share: the chart rendered with default values, the names in it, and
 * an emulated cluster holding its RBAC, with a few objects the portal must not reach.
 */

export const objects = renderChart();
export const PORTAL = serviceAccountUser(objects, 'rel-hatchway');
export const GATEWAY = serviceAccountUser(objects, 'rel-hatchway-gateway');
export const ofKind = (kind: string) =>
  objects.filter(o => o.kind === kind) as any[];
export const named = (kind: string, suffix: string) => {
  const found = ofKind(kind).find(o => o.metadata.name.endsWith(suffix));
  if (!found) throw new Error(`The chart renders no ${kind} *${suffix}`);
  return found;
};
/** A namespace vcluster-* that exists, with no manager RoleBinding in it yet. */
export const EARLY = 'vcluster-early';
export const RUNNERS: string = named('Role', '-runner').metadata.namespace;
export const MANAGER_ROLE: string = named('ClusterRole', '-vcluster-manager')
  .metadata.name;
export const READER_ROLE: string = named('ClusterRole', '-reader').metadata
  .name;
export const PLACES = {
  runners: RUNNERS,
  early: EARLY,
  readerRole: READER_ROLE,
};

export interface ChartCluster {
  cluster: RbacCluster;
  portal: KubeConfig;
  gateway: KubeConfig;
}

/**
 * The chart's RBAC on an emulated cluster, plus an early vcluster-* namespace, admin Secrets in
 * kube-system and default, a Pod in default and the CRDs of the optional kinds readiness lists.
 */
export async function startChartCluster(): Promise<ChartCluster> {
  const cluster = await startRbacCluster(objects, [PORTAL, GATEWAY]);
  await cluster.emulator.server.applyManifests(
    [
      `apiVersion: v1
kind: Namespace
metadata: { name: ${EARLY} }`,
      ...['kube-system', 'default'].map(
        namespace => `apiVersion: v1
kind: Secret
metadata: { name: admin-credentials, namespace: ${namespace} }
stringData: { password: not-for-the-portal }`,
      ),
      `apiVersion: v1
kind: Pod
metadata: { name: web, namespace: default }
spec: { containers: [{ name: web, image: nginx }] }`,
      ...optionalKindCrds(),
    ].join('\n---\n'),
  );
  return { cluster, portal: cluster.as(PORTAL), gateway: cluster.as(GATEWAY) };
}

/**
 * The chart cluster for every test in the calling file: registers the beforeAll that starts it
 * and the afterAll that closes it. The returned object's fields are set once beforeAll has run.
 */
export function chartClusterForTests(): ChartCluster {
  const chart = {} as ChartCluster;
  beforeAll(async () => {
    Object.assign(chart, await startChartCluster());
  });
  afterAll(() => chart.cluster?.close());
  return chart;
}

/** The requests whose status is not the expected one, named, with the status they got. */
export async function statusesOtherThan(
  expected: number,
  kc: KubeConfig,
  requests: RawRequest[],
) {
  const statuses = await Promise.all(
    requests.map(async r => ({
      request: `${r.method} ${r.path}`,
      status: await rawStatus(kc, r),
    })),
  );
  return statuses.filter(s => s.status !== expected);
}
