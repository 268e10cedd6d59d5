import { KubeConfig, KubernetesObjectApi } from '@kubernetes/client-node';
import { renderVClusterObjects } from '../render/renderVClusterObjects';
import {
  eventually,
  HostCluster,
  startHostCluster,
} from '../__testUtils__/hostCluster';
import { specFor } from '../__testUtils__/specs';
import { DirectProvisioner } from './DirectProvisioner';

/**
 * The portal's rights as a chart that grants no cluster-wide write on namespaced kinds would
 * give them: namespaces, RoleBindings (to bind the manager role) and reading; everything else it
 * writes only through `hatchway-manager` in each vCluster namespace.
 */
const PORTAL_RBAC = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: hatchway-portal }
rules:
  - { apiGroups: [''], resources: [namespaces], verbs: [get, list, watch, create, patch, delete] }
  - { apiGroups: [rbac.authorization.k8s.io], resources: [rolebindings], verbs: [get, create, patch] }
  - { apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind], resourceNames: [hatchway-vcluster-manager] }
  - { apiGroups: ['*'], resources: ['*'], verbs: [get, list, watch] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: hatchway-portal }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: hatchway-portal }
subjects: [{ kind: ServiceAccount, namespace: hatchway, name: hatchway }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: hatchway-vcluster-manager }
rules:
  - { apiGroups: ['*'], resources: ['*'], verbs: ['*'] }
`;

const managerRoleBinding = {
  clusterRole: 'hatchway-vcluster-manager',
  serviceAccount: { namespace: 'hatchway', name: 'hatchway' },
};

describe('DirectProvisioner with managerRoleBinding, under RBAC', () => {
  let host: HostCluster;
  let portal: KubeConfig;
  const spec = specFor('scoped');
  const ref = { name: 'scoped', cluster: 'host' };
  const ns = 'vcluster-scoped';

  beforeAll(async () => {
    host = await startHostCluster({ rbac: true });
    await host.server.applyManifests(PORTAL_RBAC);
    portal = new KubeConfig();
    portal.loadFromString(
      host.server.kubeConfig('system:serviceaccount:hatchway:hatchway'),
    );
  });
  afterAll(() => host.close());

  it('without the binding the portal cannot write into the namespace, and the failed create leaves nothing', async () => {
    const unscoped = DirectProvisioner.create();
    await expect(unscoped.apply(spec, portal)).rejects.toThrow(/forbidden/i);
    await eventually(
      async () =>
        !(
          await host.core.listNamespace()
        ).items.some(n => n.metadata?.name === ns),
      'rolled back',
    );
  });

  it('binds the portal in the namespace before applying anything else, and becomes Ready', async () => {
    const provisioner = DirectProvisioner.create({
      render: { managerRoleBinding },
    });
    await provisioner.apply(spec, portal);

    const objects = KubernetesObjectApi.makeApiClient(host.kubeConfig);
    const version = async (o: any) =>
      Number((await objects.read(o)).metadata?.resourceVersion);
    const rendered = renderVClusterObjects(spec, { managerRoleBinding });
    const [namespace, roleBinding, ...rest] = rendered;
    expect(`${roleBinding.kind}/${roleBinding.metadata?.name}`).toBe(
      'RoleBinding/hatchway-manager',
    );
    const live = await objects.read(roleBinding as any);
    expect(live).toMatchObject({
      roleRef: { kind: 'ClusterRole', name: 'hatchway-vcluster-manager' },
      subjects: [
        { kind: 'ServiceAccount', namespace: 'hatchway', name: 'hatchway' },
      ],
    });
    expect(
      live.metadata?.managedFields?.map(m => [m.manager, m.operation]),
    ).toContainEqual(['hatchway', 'Apply']);
    // The order of applies, read back from the store's global resourceVersion: the namespace,
    // then the binding, then every other object.
    const bindingVersion = await version(roleBinding);
    expect(await version(namespace)).toBeLessThan(bindingVersion);
    for (const object of rest)
      expect(await version(object)).toBeGreaterThan(bindingVersion);

    await eventually(
      async () => (await provisioner.observe(ref, portal)).phase === 'Ready',
      'Ready',
    );
    await expect(provisioner.readKubeconfig(ref, portal)).resolves.toContain(
      'server:',
    );
  });

  it('deleting the vCluster removes the binding with the namespace', async () => {
    const provisioner = DirectProvisioner.create({
      render: { managerRoleBinding },
    });
    await provisioner.delete(ref, portal);
    await eventually(
      async () =>
        !(
          await host.core.listNamespace()
        ).items.some(n => n.metadata?.name === ns),
      'namespace gone',
    );
    const rbac = KubernetesObjectApi.makeApiClient(host.kubeConfig);
    const left = await rbac.list(
      'rbac.authorization.k8s.io/v1',
      'RoleBinding',
      ns,
    );
    expect(left.items).toEqual([]);
    await expect(provisioner.observe(ref, portal)).resolves.toEqual({
      phase: 'Absent',
    });
  });
});
