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
import { eventually } from '@hatchway/plugin-vcluster-node/testUtils';
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
  RbacCluster,
  recordingLogger,
  RELEASE,
  renderChart,
  startRbacCluster,
  statusOf,
} from './__testUtils__/chartRbacCluster';
import {
  chartClusterForTests,
  MANAGER_ROLE,
  PORTAL,
  RUNNERS,
  statusesOtherThan,
} from './__testUtils__/chartRbacFixture';
import {
  ARGO_CD_APPLICATION_CRD,
  KUBERNETES_PLUGIN_READS,
  SHELL_PROFILE,
} from './__testUtils__/chartRbacRequests';

/*
 * The chart's RBAC is sufficient: applied to an emulated cluster that enforces RBAC, the
 * terminal, vCluster (direct and Argo CD) and readiness plugins' own Kubernetes code does its
 * whole job with the portal ServiceAccount's token. (chartRbacMinimal.test.ts: what it may not
 * do; chartRbacGateway.test.ts: the gateway.)
 */

jest.setTimeout(120_000);

const chart = chartClusterForTests();

describe('the portal ServiceAccount', () => {
  it('runs session runners in the runner namespace through the terminal backend', async () => {
    const logger = recordingLogger();
    const jobs = new RunnerJobs(chart.portal, RUNNERS);
    const informer = new RunnerPodInformer(chart.portal, RUNNERS, logger);
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
      const claimed = await eventually(
        async () => {
          const pod = ofJob();
          return pod
            ? jobs.relabelPod(pod, {
                ...pod.metadata!.labels,
                'hatchway.dev/session': 'session-1',
              })
            : undefined;
        },
        'the runner pod, seen by the informer and relabelled',
        30_000,
      );
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
      const watcher = new HostWatcher(
        chart.portal,
        n => changed.add(n),
        logger,
        50,
      );
      await watcher.start();
      try {
        await provisioner().apply(spec, chart.portal);
        const binding = await chart.cluster.admin
          .makeApiClient(RbacAuthorizationV1Api)
          .readNamespacedRoleBinding({
            name: MANAGER_ROLE_BINDING_NAME,
            namespace,
          });
        expect(binding.roleRef.name).toBe(MANAGER_ROLE);

        await eventually(
          async () =>
            (await provisioner().observe(ref, chart.portal)).phase ===
              'Ready' || undefined,
          'the vCluster Ready, observed as the portal',
          60_000,
        );
        const kubeconfig = await provisioner().readKubeconfig(
          ref,
          chart.portal,
        );
        const inside = new KubeConfig();
        inside.loadFromString(kubeconfig!);
        const names = (
          await inside.makeApiClient(CoreV1Api).listNamespace()
        ).items.map(n => n.metadata?.name);
        expect(names).toContain('default');
        // The informer of the portal's host watcher saw it, cluster-wide.
        expect([...changed]).toContain(name);

        await provisioner().sleep(ref, chart.portal);
        const apps = chart.cluster.admin.makeApiClient(AppsV1Api);
        const slept = await apps.readNamespacedStatefulSet({ name, namespace });
        expect(slept.spec?.replicas).toBe(0);
        await eventually(
          async () =>
            (await provisioner().observe(ref, chart.portal)).phase ===
              'Sleeping' || undefined,
          'the vCluster Sleeping',
        );
        await provisioner().wake(ref, chart.portal);
        const woken = await apps.readNamespacedStatefulSet({ name, namespace });
        expect(woken.spec?.replicas).toBe(1);
        // A re-apply (as after a portal restart) works with the same rights.
        await provisioner().apply(spec, chart.portal);

        await provisioner().delete(ref, chart.portal);
        await eventually(
          async () =>
            (await statusOf(() =>
              chart.cluster.admin
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
      await provisioner().apply({ ...spec, name: probe }, chart.portal);
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
              const allowed = await canI(chart.portal, {
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
        canI(chart.portal, {
          verb: 'get',
          resource: 'secrets',
          namespace: 'default',
        }),
      ).resolves.toBe(false);
      await provisioner().delete(
        { name: probe, cluster: 'host' },
        chart.portal,
      );
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
                  url: chart.cluster.emulator.server.url,
                  authProvider: 'serviceAccount',
                  serviceAccountToken: chart.cluster.tokenOf(PORTAL),
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
      chart.portal,
      KUBERNETES_PLUGIN_READS,
    );
    expect(refused).toEqual([]);
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
