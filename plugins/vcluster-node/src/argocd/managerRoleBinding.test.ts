import {
  CustomObjectsApi,
  KubeConfig,
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
} from '@kubernetes/client-node';
import { installArgoCdCrd } from '../testUtils';
import {
  CHART_MANAGER_ROLE_BINDING,
  chartLikePortalRbac,
  PORTAL_USER,
} from '../__testUtils__/chartLikeRbac';
import {
  eventually,
  HostCluster,
  startHostCluster,
} from '../__testUtils__/hostCluster';
import { specFor } from '../__testUtils__/specs';
import { toClientModel } from '../kube/clientModel';
import { MERGE_PATCH } from '../kube/requests';
import { renderVClusterObjects } from '../render/renderVClusterObjects';
import { ArgoCdProvisioner } from './ArgoCdProvisioner';

/*
 * The Argo CD provisioner run as the portal's ServiceAccount with the chart's rights (no Secret
 * reads, no writes on namespaced kinds outside Argo CD's namespace but through `hatchway-manager`),
 * while the test plays Argo CD with the admin token.
 */
describe('ArgoCdProvisioner with managerRoleBinding, under RBAC', () => {
  let host: HostCluster;
  let portal: KubeConfig;
  let custom: CustomObjectsApi;
  const spec = specFor('argo-scoped', 'small', { owner: 'user:default/jane' });
  const ref = { name: 'argo-scoped', cluster: 'host' };
  const ns = 'vcluster-argo-scoped';
  const app = {
    group: 'argoproj.io',
    version: 'v1alpha1',
    plural: 'applications',
    namespace: 'gitops',
    name: ns,
  };
  const provisioner = ArgoCdProvisioner.create({
    argoCd: { namespace: 'gitops' },
    render: { managerRoleBinding: CHART_MANAGER_ROLE_BINDING },
  });
  const namespaceExists = async () =>
    (await host.core.listNamespace()).items.some(n => n.metadata?.name === ns);

  beforeAll(async () => {
    host = await startHostCluster({ rbac: true });
    await installArgoCdCrd(host.kubeConfig);
    for (const name of ['gitops', 'elsewhere']) {
      await host.core.createNamespace({ body: { metadata: { name } } });
    }
    await host.server.applyManifests(chartLikePortalRbac('gitops'));
    portal = new KubeConfig();
    portal.loadFromString(host.server.kubeConfig(PORTAL_USER));
    custom = host.kubeConfig.makeApiClient(CustomObjectsApi);
  });
  afterAll(() => host.close());

  /** Plays Argo CD's application controller writing the Application's status. */
  const setStatus = (sync: string, health: string) =>
    custom.patchNamespacedCustomObject(
      {
        ...app,
        body: {
          status: { sync: { status: sync }, health: { status: health } },
        },
      },
      MERGE_PATCH,
    );

  it('a failed Application write leaves no namespace behind', async () => {
    // The chart grants Applications in its Argo CD namespace only.
    const misconfigured = ArgoCdProvisioner.create({
      argoCd: { namespace: 'elsewhere' },
      render: { managerRoleBinding: CHART_MANAGER_ROLE_BINDING },
    });
    await expect(misconfigured.apply(spec, portal)).rejects.toThrow(
      /forbidden/i,
    );
    await eventually(async () => !(await namespaceExists()), 'rolled back');
  });

  it('applies the namespace and the binding before the Application, which leaves the namespace to Hatchway', async () => {
    await provisioner.apply(spec, portal);

    const objects = KubernetesObjectApi.makeApiClient(host.kubeConfig);
    const namespace = await objects.read({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns },
    });
    // Labelled as the direct provisioner labels it, by Hatchway's server-side apply.
    const [direct] = renderVClusterObjects(spec);
    expect(namespace.metadata?.labels).toMatchObject(direct.metadata!.labels!);
    expect(namespace.metadata?.annotations).toMatchObject(
      direct.metadata!.annotations!,
    );
    expect(
      namespace.metadata?.managedFields?.map(m => [m.manager, m.operation]),
    ).toContainEqual(['hatchway', 'Apply']);
    const binding = await objects.read({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'hatchway-manager', namespace: ns },
    });
    expect(binding).toMatchObject({
      roleRef: { kind: 'ClusterRole', name: 'hatchway-vcluster-manager' },
      subjects: [
        { kind: 'ServiceAccount', namespace: 'hatchway', name: 'hatchway' },
      ],
    });
    const application = await custom.getNamespacedCustomObject(app);
    // In that order, read back from the store's global resourceVersion.
    const version = (o: KubernetesObject) =>
      Number(o.metadata?.resourceVersion);
    expect(version(namespace)).toBeLessThan(version(binding));
    expect(version(binding)).toBeLessThan(version(application));
    // Argo CD neither creates the namespace nor rewrites its metadata.
    expect(application.spec.syncPolicy).toEqual({
      automated: { prune: true, selfHeal: true },
      syncOptions: ['RespectIgnoreDifferences=true'],
    });
  });

  it('observes, reads the kubeconfig, sleeps and wakes as the portal once Argo CD has synced', async () => {
    // Argo CD's part, with its own rights: what the chart renders (the namespace is there).
    await setStatus('OutOfSync', 'Missing');
    const admin = KubernetesObjectApi.makeApiClient(host.kubeConfig);
    for (const object of renderVClusterObjects(spec)) {
      if (object.kind === 'Namespace') continue;
      await admin.patch(
        toClientModel(object),
        undefined,
        undefined,
        'argocd-controller',
        true,
        PatchStrategy.ServerSideApply,
      );
    }
    await setStatus('Synced', 'Healthy');

    await eventually(
      async () => (await provisioner.observe(ref, portal)).phase === 'Ready',
      'Ready, observed as the portal',
    );
    await expect(provisioner.readKubeconfig(ref, portal)).resolves.toContain(
      'server:',
    );

    await provisioner.sleep(ref, portal);
    await expect(provisioner.observe(ref, portal)).resolves.toEqual({
      phase: 'Sleeping',
    });
    // A re-apply (as after a portal restart) works with the same rights and keeps it asleep.
    await provisioner.apply(spec, portal);
    await expect(provisioner.observe(ref, portal)).resolves.toEqual({
      phase: 'Sleeping',
    });
    await provisioner.wake(ref, portal);
    const sts = await host.apps.readNamespacedStatefulSet({
      name: 'argo-scoped',
      namespace: ns,
    });
    expect(sts.spec?.replicas).toBe(1);
    await eventually(
      async () => (await provisioner.observe(ref, portal)).phase === 'Ready',
      'Ready after wake',
    );
  });

  it('deletes the Application and the namespace, binding included, as the portal', async () => {
    await provisioner.delete(ref, portal);
    const deleting = await custom.getNamespacedCustomObject(app);
    expect(deleting.metadata.deletionTimestamp).toBeDefined();
    // Argo CD's part: its resources finalizer has done its work.
    await custom.patchNamespacedCustomObject(
      { ...app, body: { metadata: { finalizers: null } } },
      MERGE_PATCH,
    );
    await eventually(
      async () => (await provisioner.observe(ref, portal)).phase === 'Absent',
      'Absent',
    );
    await eventually(async () => !(await namespaceExists()), 'namespace gone');
    const left = await KubernetesObjectApi.makeApiClient(host.kubeConfig).list(
      'rbac.authorization.k8s.io/v1',
      'RoleBinding',
      ns,
    );
    expect(left.items).toEqual([]);
    await expect(provisioner.delete(ref, portal)).resolves.toBeUndefined();
  });
});
