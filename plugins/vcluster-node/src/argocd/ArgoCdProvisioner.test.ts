import {
  CustomObjectsApi,
  KubernetesObjectApi,
  PatchStrategy,
} from '@kubernetes/client-node';
import { installArgoCdCrd } from '../testUtils';
import {
  eventually,
  HostCluster,
  startHostCluster,
} from '../__testUtils__/hostCluster';
import { specFor } from '../__testUtils__/specs';
import { VCLUSTER_CHART_VERSION } from '../chart/version';
import { toClientModel } from '../kube/clientModel';
import { MERGE_PATCH } from '../kube/requests';
import { hatchwayValues } from '../render/hatchwayValues';
import { renderVClusterObjects } from '../render/renderVClusterObjects';
import { ArgoCdProvisioner } from './ArgoCdProvisioner';

describe('ArgoCdProvisioner against the emulator', () => {
  let host: HostCluster;
  let custom: CustomObjectsApi;
  const provisioner = ArgoCdProvisioner.create({
    argoCd: { namespace: 'gitops' },
  });
  const spec = specFor('team-b', 'medium', { owner: 'group:default/team-b' });
  const ref = { name: 'team-b', cluster: 'host' };
  const ns = 'vcluster-team-b';
  const app = {
    group: 'argoproj.io',
    version: 'v1alpha1',
    plural: 'applications',
    namespace: 'gitops',
    name: ns,
  };

  beforeAll(async () => {
    host = await startHostCluster();
    await installArgoCdCrd(host.kubeConfig);
    await host.core.createNamespace({ body: { metadata: { name: 'gitops' } } });
    custom = host.kubeConfig.makeApiClient(CustomObjectsApi);
  });
  afterAll(() => host.close());

  const readApp = () => custom.getNamespacedCustomObject(app);
  /** Plays Argo CD's application controller writing the Application's status. */
  const setStatus = (sync: string, health: string, message?: string) =>
    custom.patchNamespacedCustomObject(
      {
        ...app,
        body: {
          status: {
            sync: { status: sync },
            health: { status: health, message },
          },
        },
      },
      MERGE_PATCH,
    );
  const observe = () => provisioner.observe(ref, host.kubeConfig);

  it('is Absent before apply', async () => {
    await expect(observe()).resolves.toEqual({ phase: 'Absent' });
  });

  it('writes the Application for the pinned chart, field by field', async () => {
    await provisioner.apply(spec, host.kubeConfig);
    const written = await readApp();
    expect(written.metadata.namespace).toBe('gitops');
    expect(written.metadata.finalizers).toEqual([
      'resources-finalizer.argocd.argoproj.io',
    ]);
    expect(written.metadata.labels).toEqual({
      'app.kubernetes.io/managed-by': 'hatchway',
      'hatchway.dev/owner': 'group.default.team-b',
    });
    expect(written.metadata.annotations).toEqual({
      'hatchway.dev/owner': 'group:default/team-b',
    });
    expect(written.spec.project).toBe('default');
    expect(written.spec.source).toEqual({
      repoURL: 'https://charts.loft.sh',
      chart: 'vcluster',
      targetRevision: VCLUSTER_CHART_VERSION,
      helm: { releaseName: 'team-b', valuesObject: hatchwayValues(spec) },
    });
    expect(written.spec.source.helm.valuesObject.exportKubeConfig.server).toBe(
      spec.kubeconfigServer,
    );
    expect(written.spec.destination).toEqual({
      server: 'https://kubernetes.default.svc',
      namespace: ns,
    });
    expect(written.spec.syncPolicy).toEqual({
      automated: { prune: true, selfHeal: true },
      syncOptions: ['CreateNamespace=true', 'RespectIgnoreDifferences=true'],
      managedNamespaceMetadata: {
        labels: written.metadata.labels,
        annotations: written.metadata.annotations,
      },
    });
    expect(written.spec.ignoreDifferences).toEqual([
      {
        group: 'apps',
        kind: 'StatefulSet',
        name: 'team-b',
        namespace: ns,
        jsonPointers: ['/spec/replicas'],
      },
    ]);
    const managers = written.metadata.managedFields.map((m: any) => m.manager);
    expect(managers).toContain('hatchway');
  });

  it('is Provisioning until Argo CD reports Healthy and the control plane is Ready', async () => {
    await expect(observe()).resolves.toMatchObject({ phase: 'Provisioning' });
    // Argo CD's part: create the namespace with the managed metadata, apply what the chart renders.
    await setStatus('OutOfSync', 'Missing');
    const objects = KubernetesObjectApi.makeApiClient(host.kubeConfig);
    for (const object of renderVClusterObjects(spec)) {
      await objects.patch(
        toClientModel(object),
        undefined,
        undefined,
        'argocd-controller',
        true,
        PatchStrategy.ServerSideApply,
      );
    }
    await setStatus('Synced', 'Progressing');
    await expect(observe()).resolves.toMatchObject({
      phase: 'Provisioning',
      message: expect.stringMatching(
        /^Argo CD: sync Synced, health Progressing/,
      ),
    });
    await eventually(
      async () =>
        (await provisioner.readKubeconfig(ref, host.kubeConfig)) !== undefined,
      'control plane up',
    );
    await expect(observe()).resolves.toMatchObject({ phase: 'Provisioning' });
    await setStatus('Synced', 'Healthy');
    await eventually(async () => (await observe()).phase === 'Ready', 'Ready');
  });

  it('sleeps and wakes through the StatefulSet', async () => {
    await provisioner.sleep(ref, host.kubeConfig);
    await expect(observe()).resolves.toEqual({ phase: 'Sleeping' });
    await provisioner.wake(ref, host.kubeConfig);
    const sts = await host.apps.readNamespacedStatefulSet({
      name: 'team-b',
      namespace: ns,
    });
    expect(sts.spec?.replicas).toBe(1);
    await eventually(
      async () => (await observe()).phase === 'Ready',
      'Ready after wake',
    );
  });

  it('is Failed when Argo CD reports Degraded', async () => {
    await setStatus('Synced', 'Degraded', 'StatefulSet team-b is not ready');
    await expect(observe()).resolves.toEqual({
      phase: 'Failed',
      reason: 'Argo CD reports Degraded: StatefulSet team-b is not ready',
    });
    await setStatus('Synced', 'Healthy');
  });

  it('deletes the Application (Argo CD cascades) and the namespace', async () => {
    await provisioner.delete(ref, host.kubeConfig);
    const deleting = await readApp();
    expect(deleting.metadata.deletionTimestamp).toBeDefined();
    await expect(observe()).resolves.toMatchObject({ phase: 'Provisioning' });
    // Argo CD's part: its resources finalizer has done its work.
    await custom.patchNamespacedCustomObject(
      { ...app, body: { metadata: { finalizers: null } } },
      MERGE_PATCH,
    );
    await eventually(
      async () => (await observe()).phase === 'Absent',
      'Absent',
    );
    await eventually(
      async () =>
        !(
          await host.core.listNamespace()
        ).items.some(n => n.metadata?.name === ns),
      'namespace gone',
    );
    await expect(
      provisioner.delete(ref, host.kubeConfig),
    ).resolves.toBeUndefined();
  });
});
