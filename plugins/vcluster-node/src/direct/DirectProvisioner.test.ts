import {
  CoreV1Api,
  dumpYaml,
  KubeConfig,
  KubernetesObjectApi,
} from '@kubernetes/client-node';
import { parse } from 'yaml';
import { renderVClusterObjects } from '../render/renderVClusterObjects';
import {
  eventually,
  HostCluster,
  startHostCluster,
} from '../__testUtils__/hostCluster';
import { specFor } from '../__testUtils__/specs';
import {
  PAUSED_ANNOTATION,
  PAUSED_DATE_ANNOTATION,
  PAUSED_REPLICAS_ANNOTATION,
} from '../kube/pauseAnnotations';
import { DirectProvisioner } from './DirectProvisioner';

describe('DirectProvisioner against the emulator', () => {
  let host: HostCluster;
  const provisioner = DirectProvisioner.create();
  const spec = specFor('team-a');
  const ref = { name: 'team-a', cluster: 'host' };
  const ns = 'vcluster-team-a';

  beforeAll(async () => {
    host = await startHostCluster();
  });
  afterAll(() => host.close());

  const nestedCore = async () => {
    const kubeconfig = await provisioner.readKubeconfig(ref, host.kubeConfig);
    const kc = new KubeConfig();
    kc.loadFromString(kubeconfig!);
    return kc.makeApiClient(CoreV1Api);
  };
  const readSts = () =>
    host.apps.readNamespacedStatefulSet({ name: 'team-a', namespace: ns });

  it('is Absent before apply', async () => {
    await expect(provisioner.observe(ref, host.kubeConfig)).resolves.toEqual({
      phase: 'Absent',
    });
    await expect(
      provisioner.readKubeconfig(ref, host.kubeConfig),
    ).resolves.toBeUndefined();
  });

  it('applies every object as field manager hatchway and becomes Ready', async () => {
    await provisioner.apply(spec, host.kubeConfig);
    const namespace = await host.core.readNamespace({ name: ns });
    expect(namespace.metadata?.labels?.['hatchway.dev/owner']).toBe(
      'user.default.jane',
    );
    const sts = await readSts();
    expect(
      sts.metadata?.managedFields?.map(m => [m.manager, m.operation]),
    ).toContainEqual(['hatchway', 'Apply']);
    // Every object is on the server as rendered, including the fields client-node's models
    // rename (a NetworkPolicy's `from`, a LimitRange's `default`).
    const objects = KubernetesObjectApi.makeApiClient(host.kubeConfig);
    for (const object of renderVClusterObjects(spec)) {
      const live = parse(dumpYaml(await objects.read(object as any)));
      const { metadata: _m, ...body } = object;
      expect(live).toMatchObject(JSON.parse(JSON.stringify(body)));
    }
    const first = await provisioner.observe(ref, host.kubeConfig);
    expect(['Provisioning', 'Ready']).toContain(first.phase);
    await eventually(
      async () =>
        (await provisioner.observe(ref, host.kubeConfig)).phase === 'Ready',
      'Ready',
    );
  });

  it('hands out a kubeconfig that reaches the nested cluster', async () => {
    const nested = await nestedCore();
    const names = (await nested.listNamespace()).items.map(
      n => n.metadata?.name,
    );
    expect(names).toContain('default');
    expect(names).not.toContain(ns);
    await nested.createNamespace({
      body: { metadata: { name: 'made-before-sleep' } },
    });
  });

  it('re-applying is idempotent', async () => {
    const before = (await readSts()).metadata?.resourceVersion;
    await provisioner.apply(spec, host.kubeConfig);
    expect((await readSts()).metadata?.resourceVersion).toBe(before);
  });

  it('sleeps: replicas 0 with the vcluster CLI annotations', async () => {
    await provisioner.sleep(ref, host.kubeConfig);
    const sts = await readSts();
    expect(sts.spec?.replicas).toBe(0);
    expect(sts.metadata?.annotations).toMatchObject({
      [PAUSED_ANNOTATION]: 'true',
      [PAUSED_REPLICAS_ANNOTATION]: '1',
    });
    expect(sts.metadata?.annotations?.[PAUSED_DATE_ANNOTATION]).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/,
    );
    await expect(provisioner.observe(ref, host.kubeConfig)).resolves.toEqual({
      phase: 'Sleeping',
    });
    // Sleeping twice changes nothing; re-applying does not wake it.
    await provisioner.sleep(ref, host.kubeConfig);
    await provisioner.apply(spec, host.kubeConfig);
    expect((await readSts()).spec?.replicas).toBe(0);
    expect(
      (await readSts()).metadata?.annotations?.[PAUSED_REPLICAS_ANNOTATION],
    ).toBe('1');
  });

  it('wakes with its objects kept', async () => {
    await provisioner.wake(ref, host.kubeConfig);
    const sts = await readSts();
    expect(sts.spec?.replicas).toBe(1);
    for (const key of [
      PAUSED_ANNOTATION,
      PAUSED_REPLICAS_ANNOTATION,
      PAUSED_DATE_ANNOTATION,
    ])
      expect(sts.metadata?.annotations?.[key]).toBeUndefined();
    const names = await eventually(async () => {
      if ((await provisioner.observe(ref, host.kubeConfig)).phase !== 'Ready')
        return undefined;
      return (await (await nestedCore()).listNamespace()).items.map(
        n => n.metadata?.name,
      );
    }, 'Ready again');
    expect(names).toContain('made-before-sleep');
  });

  it('deletes the namespace; deleting again is fine', async () => {
    await provisioner.delete(ref, host.kubeConfig);
    const gone = await eventually(
      async () =>
        !(
          await host.core.listNamespace()
        ).items.some(n => n.metadata?.name === ns),
      'namespace gone',
    );
    expect(gone).toBe(true);
    await expect(provisioner.observe(ref, host.kubeConfig)).resolves.toEqual({
      phase: 'Absent',
    });
    await expect(
      provisioner.delete(ref, host.kubeConfig),
    ).resolves.toBeUndefined();
    await expect(
      provisioner.readKubeconfig(ref, host.kubeConfig),
    ).resolves.toBeUndefined();
  });

  it('a 5xx part-way through a first apply leaves no namespace behind', async () => {
    const broken = specFor('broken');
    host.server.faults.add({
      verb: 'patch',
      resource: 'roles',
      status: 503,
      times: 1,
    });
    await expect(provisioner.apply(broken, host.kubeConfig)).rejects.toThrow();
    await eventually(
      async () =>
        !(
          await host.core.listNamespace()
        ).items.some(n => n.metadata?.name === 'vcluster-broken'),
      'rolled back',
    );
    // The caller retries: the same apply now converges.
    await provisioner.apply(broken, host.kubeConfig);
    await eventually(
      async () =>
        (
          await provisioner.observe(
            { name: 'broken', cluster: 'host' },
            host.kubeConfig,
          )
        ).phase === 'Ready',
      'Ready after retry',
    );
  });

  it('a 5xx during a re-apply keeps the existing vCluster', async () => {
    host.server.faults.add({
      verb: 'patch',
      resource: 'services',
      status: 500,
      times: 1,
    });
    await expect(
      provisioner.apply(specFor('broken'), host.kubeConfig),
    ).rejects.toThrow();
    await expect(
      host.core.readNamespace({ name: 'vcluster-broken' }),
    ).resolves.toBeTruthy();
    await expect(
      provisioner.observe({ name: 'broken', cluster: 'host' }, host.kubeConfig),
    ).resolves.toEqual({ phase: 'Ready' });
  });

  it('the emulator logged no warnings', () => {
    expect(host.logged).toEqual([]);
  });
});
