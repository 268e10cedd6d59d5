import { ConfigReader } from '@backstage/config';
import { DefaultClusterAccessService } from '@hatchway/plugin-cluster-access-node';
// eslint-disable-next-line @backstage/no-forbidden-package-imports -- not exported; the test drives the plugin's own Kubernetes code
import { LISTED_KINDS } from '@hatchway/plugin-readiness-backend/src/kubernetes/kinds';
// eslint-disable-next-line @backstage/no-forbidden-package-imports -- not exported; the test drives the plugin's own Kubernetes code
import { KubernetesClusterObjectReader } from '@hatchway/plugin-readiness-backend/src/kubernetes/KubernetesClusterObjectReader';
// eslint-disable-next-line @backstage/no-forbidden-package-imports -- not exported; the test drives the plugin's own Kubernetes code
import { MANAGED_SELECTOR } from '@hatchway/plugin-terminal-backend/src/kubernetes/labels';
// eslint-disable-next-line @backstage/no-forbidden-package-imports -- not exported; the test drives the plugin's own Kubernetes code
import { renderRunnerJob } from '@hatchway/plugin-terminal-backend/src/kubernetes/renderRunnerJob';
// eslint-disable-next-line @backstage/no-forbidden-package-imports -- not exported; the test drives the plugin's own Kubernetes code
import { RunnerJobs } from '@hatchway/plugin-terminal-backend/src/kubernetes/RunnerJobs';
// eslint-disable-next-line @backstage/no-forbidden-package-imports -- not exported; the test drives the plugin's own Kubernetes code
import { RunnerPodInformer } from '@hatchway/plugin-terminal-backend/src/kubernetes/RunnerPodInformer';
// eslint-disable-next-line @backstage/no-forbidden-package-imports -- not exported; the test drives the plugin's own Kubernetes code
import { HostWatcher } from '@hatchway/plugin-vcluster-backend/src/reconcile/HostWatcher';
import {
  ArgoCdProvisioner,
  BUILT_IN_SIZE_PRESETS,
  DirectProvisioner,
  MANAGER_ROLE_BINDING_NAME,
  renderVClusterObjects,
  VClusterRenderOptions,
  VClusterSpec,
} from '@hatchway/plugin-vcluster-node';
import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObject,
  RbacAuthorizationV1Api,
  V1PolicyRule,
} from '@kubernetes/client-node';
import {
  canI,
  eventually,
  RawRequest,
  rawStatus,
  RbacCluster,
  recordingLogger,
  RELEASE,
  renderChart,
  serviceAccountUser,
  startRbacCluster,
  statusOf,
} from './__testUtils__/chartRbacCluster';
import { auditRbac } from './__testUtils__/chartRbacAudit';
import {
  ARGO_CD_APPLICATION_CRD,
  authorizerQuestions,
  gatewayForbidden,
  KUBERNETES_PLUGIN_READS,
  optionalKindCrds,
  portalForbidden,
  SHELL_PROFILE,
} from './__testUtils__/chartRbacRequests';

/*
 * The chart's RBAC, applied to an emulated cluster that enforces RBAC, then exercised with the
 * portal's and the gateway's ServiceAccount tokens: the plugins' own Kubernetes code does its
 * whole job as the portal, and everything outside that job answers 403. The emulator evaluates
 * RBAC rules and the escalate/bind checks on Role and RoleBinding writes as Kubernetes does, but
 * not ValidatingAdmissionPolicies; the tests also ask the authorizer what those checks ask.
 */

jest.setTimeout(120_000);

const objects = renderChart();
const PORTAL = serviceAccountUser(objects, 'rel-hatchway');
const GATEWAY = serviceAccountUser(objects, 'rel-hatchway-gateway');
const ofKind = (kind: string) => objects.filter(o => o.kind === kind) as any[];
const named = (kind: string, suffix: string) => {
  const found = ofKind(kind).find(o => o.metadata.name.endsWith(suffix));
  if (!found) throw new Error(`The chart renders no ${kind} *${suffix}`);
  return found;
};
/** A namespace vcluster-* that exists, with no manager RoleBinding in it yet. */
const EARLY = 'vcluster-early';
const RUNNERS: string = named('Role', '-runner').metadata.namespace;
const MANAGER_ROLE: string = named('ClusterRole', '-vcluster-manager').metadata
  .name;
const READER_ROLE: string = named('ClusterRole', '-reader').metadata.name;
const PLACES = { runners: RUNNERS, early: EARLY, readerRole: READER_ROLE };

let cluster: RbacCluster;
let portal: KubeConfig;
let gateway: KubeConfig;

beforeAll(async () => {
  cluster = await startRbacCluster(objects, [PORTAL, GATEWAY]);
  portal = cluster.as(PORTAL);
  gateway = cluster.as(GATEWAY);
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
});

afterAll(() => cluster?.close());

describe('the portal ServiceAccount', () => {
  it('runs session runners in the runner namespace through the terminal backend', async () => {
    const logger = recordingLogger();
    const jobs = new RunnerJobs(portal, RUNNERS);
    const informer = new RunnerPodInformer(portal, RUNNERS, logger);
    const deleted: string[] = [];
    informer.subscribe({
      changed: () => {},
      deleted: pod => deleted.push(pod.metadata!.name!),
    });
    await informer.start();
    try {
      const jobName = 'rbac-runner';
      const { job, secret } = renderRunnerJob({
        jobName,
        namespace: RUNNERS,
        profile: SHELL_PROFILE,
        purpose: { pool: 'warm' },
        credential: 'hatchway:not-a-real-credential',
        ttlSecondsAfterFinished: 60,
      });
      await jobs.create({ job, secret });
      const ofJob = () =>
        informer
          .pods()
          .find(p =>
            p.metadata?.ownerReferences?.some(o => o.name === jobName),
          );
      // The warm pool claims a runner by relabelling its pod (409 when it changed meanwhile).
      const claimed = await eventually(async () => {
        const pod = ofJob();
        return pod
          ? jobs.relabelPod(pod, {
              ...pod.metadata!.labels,
              'hatchway.dev/session': 'session-1',
            })
          : undefined;
      }, 'the runner pod, seen by the informer and relabelled');
      expect(claimed.metadata?.labels?.['hatchway.dev/session']).toBe(
        'session-1',
      );
      await jobs.patchJob(jobName, {
        labels: { 'hatchway.dev/session': 'session-1' },
        activeDeadlineSeconds: 600,
      });
      expect(
        (await jobs.listJobs(MANAGED_SELECTOR)).map(j => j.metadata?.name),
      ).toEqual([jobName]);
      await expect(jobs.readCredential(secret.metadata!.name!)).resolves.toBe(
        'hatchway:not-a-real-credential',
      );

      await jobs.delete(jobName, secret.metadata!.name!);
      await expect(jobs.exists(jobName)).resolves.toBe(false);
      await expect(
        jobs.readCredential(secret.metadata!.name!),
      ).resolves.toBeUndefined();
      await eventually(
        async () => (ofJob() ? undefined : true),
        'the runner pod gone from the informer',
      );
      expect(deleted).toEqual([claimed.metadata!.name]);
      expect(logger.problems).toEqual([]);
    } finally {
      await informer.stop();
    }
  });

  it('cannot run a runner outside the runner namespace', async () => {
    const jobs = new RunnerJobs(portal, 'default');
    const manifests = renderRunnerJob({
      jobName: 'stray-runner',
      namespace: 'default',
      profile: SHELL_PROFILE,
      purpose: { pool: 'warm' },
      credential: 'hatchway:x',
      ttlSecondsAfterFinished: 60,
    });
    await expect(statusOf(() => jobs.create(manifests))).resolves.toBe(403);
  });

  describe('with the direct vCluster provisioner', () => {
    const name = 'rbac-demo';
    const namespace = `vcluster-${name}`;
    const ref = { name, cluster: 'host' };
    const spec: VClusterSpec = {
      name,
      cluster: 'host',
      owner: 'user:default/jane',
      size: BUILT_IN_SIZE_PRESETS.small,
      kubeconfigServer: `https://${name}.${namespace}.svc:443`,
    };
    const render = (): VClusterRenderOptions => ({
      managerRoleBinding: {
        clusterRole: MANAGER_ROLE,
        serviceAccount: {
          namespace: RELEASE.namespace,
          name: PORTAL.split(':').pop()!,
        },
      },
    });
    const provisioner = () => DirectProvisioner.create({ render: render() });

    it('creates a vCluster, reads its kubeconfig, puts it to sleep, wakes and deletes it', async () => {
      const logger = recordingLogger();
      const changed = new Set<string>();
      const watcher = new HostWatcher(portal, n => changed.add(n), logger, 50);
      await watcher.start();
      try {
        await provisioner().apply(spec, portal);
        const binding = await cluster.admin
          .makeApiClient(RbacAuthorizationV1Api)
          .readNamespacedRoleBinding({
            name: MANAGER_ROLE_BINDING_NAME,
            namespace,
          });
        expect(binding.roleRef.name).toBe(MANAGER_ROLE);

        await eventually(
          async () =>
            (await provisioner().observe(ref, portal)).phase === 'Ready' ||
            undefined,
          'the vCluster Ready, observed as the portal',
          60_000,
        );
        const kubeconfig = await provisioner().readKubeconfig(ref, portal);
        const inside = new KubeConfig();
        inside.loadFromString(kubeconfig!);
        const names = (
          await inside.makeApiClient(CoreV1Api).listNamespace()
        ).items.map(n => n.metadata?.name);
        expect(names).toContain('default');
        // The informer of the portal's host watcher saw it, cluster-wide.
        expect([...changed]).toContain(name);

        await provisioner().sleep(ref, portal);
        const apps = cluster.admin.makeApiClient(AppsV1Api);
        const slept = await apps.readNamespacedStatefulSet({ name, namespace });
        expect(slept.spec?.replicas).toBe(0);
        await eventually(
          async () =>
            (await provisioner().observe(ref, portal)).phase === 'Sleeping' ||
            undefined,
          'the vCluster Sleeping',
        );
        await provisioner().wake(ref, portal);
        const woken = await apps.readNamespacedStatefulSet({ name, namespace });
        expect(woken.spec?.replicas).toBe(1);
        // A re-apply (as after a portal restart) works with the same rights.
        await provisioner().apply(spec, portal);

        await provisioner().delete(ref, portal);
        await eventually(
          async () =>
            (await statusOf(() =>
              cluster.admin
                .makeApiClient(CoreV1Api)
                .readNamespace({ name: namespace }),
            )) === 404 || undefined,
          'the vCluster namespace gone',
        );
        expect(logger.problems).toEqual([]);
      } finally {
        await watcher.stop();
      }
    });

    it('holds every permission the vCluster Role grants, so Kubernetes lets it create that Role', async () => {
      // Kubernetes refuses a Role granting more than its creator holds in the namespace
      // (the escalate check, which the emulator does not run): ask the authorizer rule by rule.
      const probe = 'rbac-probe';
      const probeNamespace = `vcluster-${probe}`;
      await provisioner().apply({ ...spec, name: probe }, portal);
      const role = renderVClusterObjects(
        { ...spec, name: probe },
        render(),
      ).find(o => o.kind === 'Role') as KubernetesObject & {
        rules: V1PolicyRule[];
      };
      const missing: string[] = [];
      for (const rule of role.rules) {
        for (const group of rule.apiGroups ?? ['']) {
          for (const full of rule.resources ?? []) {
            const [resource, subresource] = full.split('/');
            for (const verb of rule.verbs) {
              const allowed = await canI(portal, {
                verb,
                group,
                resource,
                subresource,
                namespace: probeNamespace,
              });
              if (!allowed) missing.push(`${verb} ${group}/${full}`);
            }
          }
        }
      }
      expect(missing).toEqual([]);
      // None of it reaches a namespace that is not a vCluster's.
      await expect(
        canI(portal, {
          verb: 'get',
          resource: 'secrets',
          namespace: 'default',
        }),
      ).resolves.toBe(false);
      await provisioner().delete({ name: probe, cluster: 'host' }, portal);
    });
  });

  it('scans every kind the readiness checks and the platform board read', async () => {
    const access = DefaultClusterAccessService.fromConfig(
      new ConfigReader({
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'host',
                  title: 'Host',
                  url: cluster.emulator.server.url,
                  authProvider: 'serviceAccount',
                  serviceAccountToken: cluster.tokenOf(PORTAL),
                  skipTLSVerify: true,
                },
              ],
            },
          ],
        },
      }),
    );
    const { listedKinds, warnings } = await new KubernetesClusterObjectReader(
      access,
    ).read('host', undefined, { platform: true });
    expect(warnings).toEqual([]);
    expect(listedKinds.map(k => k.split('/').pop()).sort()).toEqual(
      LISTED_KINDS.map(k => k.kind).sort(),
    );
  });

  it('lists what the Backstage Kubernetes plugin shows, in every namespace', async () => {
    const refused = await statusesOtherThan(
      200,
      portal,
      KUBERNETES_PLUGIN_READS,
    );
    expect(refused).toEqual([]);
  });

  it('is refused everything outside its job (403)', async () => {
    const allowed = await statusesOtherThan(
      403,
      portal,
      portalForbidden(PLACES),
    );
    expect(allowed).toEqual([]);
  });

  it('may not bind cluster-admin under the manager binding name (the escalation check)', async () => {
    // Server-side apply, as the provisioner writes hatchway-manager: the portal holds patch and
    // create on rolebindings by that name everywhere, but bind only on the manager ClusterRole.
    const applyBinding = async (namespace: string, roleName: string) => {
      const options: any = { headers: {} };
      await portal.applyToHTTPSOptions(options);
      const res = await fetch(
        `${
          portal.getCurrentCluster()!.server
        }/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}/rolebindings/hatchway-manager?fieldManager=hatchway`,
        {
          method: 'PATCH',
          headers: {
            ...options.headers,
            'content-type': 'application/apply-patch+yaml',
          },
          body: JSON.stringify({
            apiVersion: 'rbac.authorization.k8s.io/v1',
            kind: 'RoleBinding',
            metadata: { name: 'hatchway-manager', namespace },
            roleRef: {
              apiGroup: 'rbac.authorization.k8s.io',
              kind: 'ClusterRole',
              name: roleName,
            },
            subjects: [
              {
                kind: 'ServiceAccount',
                name: PORTAL.split(':')[3],
                namespace: PORTAL.split(':')[2],
              },
            ],
          }),
        },
      );
      const body = await res.json();
      return { status: res.status, message: body.message };
    };
    for (const namespace of ['default', EARLY]) {
      const res = await applyBinding(namespace, 'cluster-admin');
      expect({ namespace, ...res }).toEqual({
        namespace,
        status: 403,
        message: expect.stringContaining(
          'is attempting to grant RBAC permissions not currently held',
        ),
      });
    }
  });

  it('may bind no role but the vCluster manager, escalate nothing and impersonate no one', async () => {
    const answers = await Promise.all(
      authorizerQuestions(PLACES).map(async q => ({
        question: `${q.verb} ${q.group ?? ''}/${q.resource}${
          q.name ? `/${q.name}` : ''
        }${q.namespace ? ` in ${q.namespace}` : ' cluster-wide'}`,
        allowed: await canI(portal, q),
      })),
    );
    expect(answers.filter(a => a.allowed)).toEqual([]);
    // The one bind it holds: the manager role, for the RoleBinding in new vCluster namespaces.
    await expect(
      canI(portal, {
        verb: 'bind',
        group: 'rbac.authorization.k8s.io',
        resource: 'clusterroles',
        name: MANAGER_ROLE,
      }),
    ).resolves.toBe(true);
  });
});

describe('with the Argo CD provisioner (vcluster.argocd.enabled)', () => {
  const argoObjects = renderChart([
    'vcluster.argocd.enabled=true',
    'vcluster.argocd.namespace=gitops',
  ]);
  let argo: RbacCluster;
  beforeAll(async () => {
    argo = await startRbacCluster(argoObjects, [PORTAL], {
      controllers: false,
    });
    await argo.emulator.server.applyManifests(ARGO_CD_APPLICATION_CRD);
  });
  afterAll(() => argo?.close());

  it('lets the portal write Applications in Argo CD namespace, and nowhere else', async () => {
    const portalAtArgo = argo.as(PORTAL);
    const spec: VClusterSpec = {
      name: 'by-argo',
      cluster: 'host',
      owner: 'user:default/jane',
      size: BUILT_IN_SIZE_PRESETS.small,
      kubeconfigServer: 'https://by-argo.vcluster-by-argo.svc:443',
    };
    const at = (namespace: string) =>
      ArgoCdProvisioner.create({ argoCd: { namespace } });
    await at('gitops').apply(spec, portalAtArgo);
    const applications = portalAtArgo.makeApiClient(CustomObjectsApi);
    const stored = await applications.getNamespacedCustomObject({
      group: 'argoproj.io',
      version: 'v1alpha1',
      plural: 'applications',
      namespace: 'gitops',
      name: 'vcluster-by-argo',
    });
    expect(stored.spec.destination.namespace).toBe('vcluster-by-argo');
    await expect(
      statusOf(() => at('default').apply(spec, portalAtArgo)),
    ).resolves.toBe(403);
    await at('gitops').delete(
      { name: 'by-argo', cluster: 'host' },
      portalAtArgo,
    );
    // Deleting: Argo CD's resources finalizer keeps it until Argo CD has removed what it deployed.
    const deleting = await applications.getNamespacedCustomObject({
      group: 'argoproj.io',
      version: 'v1alpha1',
      plural: 'applications',
      namespace: 'gitops',
      name: 'vcluster-by-argo',
    });
    expect(deleting.metadata.deletionTimestamp).toBeDefined();
  });
});

describe('the gateway ServiceAccount', () => {
  it('may read nothing from the Kubernetes API (403)', async () => {
    const allowed = await statusesOtherThan(
      403,
      gateway,
      gatewayForbidden(PLACES),
    );
    expect(allowed).toEqual([]);
  });

  it('is the subject of no binding in the chart', () => {
    const [ns, sa] = GATEWAY.split(':').slice(2);
    const bindings = [
      ...ofKind('RoleBinding'),
      ...ofKind('ClusterRoleBinding'),
    ].filter(b =>
      (b.subjects ?? []).some(
        (s: any) =>
          s.name === sa && (s.namespace ?? b.metadata.namespace) === ns,
      ),
    );
    expect(bindings.map(b => b.metadata.name)).toEqual([]);
  });
});

describe('the chart', () => {
  it('grants no exec, escalate, impersonate, nodes/proxy or wildcard, and no Secrets cluster-wide', () => {
    const { findings, boundClusterWide } = auditRbac(objects, MANAGER_ROLE);
    expect(findings).toEqual([]);
    expect(boundClusterWide.has(MANAGER_ROLE)).toBe(false);
  });

  it('confines the portal to vcluster-* namespaces with a ValidatingAdmissionPolicy', () => {
    // Rendered for clusters that enforce it (Kubernetes 1.30+); the emulator does not, so this
    // checks what the policy says, not what it does.
    const policy = named('ValidatingAdmissionPolicy', '-vcluster-namespaces');
    expect(policy.spec.matchConditions[0].expression).toBe(
      `request.userInfo.username == '${PORTAL}'`,
    );
    const expressions = policy.spec.validations.map((v: any) => v.expression);
    expect(expressions).toEqual(
      expect.arrayContaining([
        "request.resource.resource != 'namespaces' || request.name.startsWith('vcluster-')",
        "request.resource.resource != 'rolebindings' || request.namespace.startsWith('vcluster-')",
      ]),
    );
    expect(expressions.join(' ')).toContain(`'${MANAGER_ROLE}'`);
    const binding = named(
      'ValidatingAdmissionPolicyBinding',
      '-vcluster-namespaces',
    );
    expect(binding.spec).toEqual({
      policyName: policy.metadata.name,
      validationActions: ['Deny'],
    });
  });

  it('renders no vCluster rights and no policy when vCluster is off', () => {
    const kinds = renderChart(['vcluster.enabled=false']).map(
      o => `${o.kind} ${o.metadata?.name}`,
    );
    expect(kinds.filter(k => /vcluster/.test(k))).toEqual([]);
  });
});

/** The requests whose status is not the expected one, named, with the status they got. */
async function statusesOtherThan(
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
