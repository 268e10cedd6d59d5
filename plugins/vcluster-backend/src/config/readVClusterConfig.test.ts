import { ConfigReader } from '@backstage/config';
import { BUILT_IN_SIZE_PRESETS } from '@hatchway/plugin-vcluster-node';
import { readVClusterConfig } from './readVClusterConfig';

const read = (vcluster?: object, clusters = ['local', 'prod']) =>
  readVClusterConfig(new ConfigReader(vcluster ? { vcluster } : {}), clusters);

describe('readVClusterConfig', () => {
  it('defaults to the first cluster, direct, the built-in sizes and quotas', () => {
    const options = read();
    expect(options.hostClusters).toEqual([
      { name: 'local', provisioner: 'direct', render: {} },
    ]);
    expect([...options.sizes.keys()]).toEqual(['small', 'medium', 'large']);
    // The presets are vcluster-node's, which the renderer's golden tests cover.
    expect(options.sizes.get('medium')).toEqual({
      ...BUILT_IN_SIZE_PRESETS.medium,
      description:
        '4 CPUs, 8Gi memory requested; 1 day by default, at most 1 week',
    });
    expect(options.defaultSize).toBe('small');
    expect(options.quotas).toEqual({ perUser: 3, perGroup: 10 });
    expect(options.idleSleepAfterMinutes).toBe(120);
    expect(options.reconcile.provisionTimeoutSeconds).toBe(600);
  });

  it('fills configured sizes from the built-in of the same name', () => {
    const options = read({
      sizes: {
        medium: { maxTtlHours: 48 },
        xl: { defaultTtlHours: 2, quota: { 'requests.cpu': '16' } },
        tiny: { description: 'For a quick look' },
      },
      defaultSize: 'xl',
    });
    expect(options.sizes.get('medium')).toMatchObject({
      maxTtlHours: 48,
      defaultTtlHours: 24,
      quota: expect.objectContaining({ 'requests.cpu': '4' }),
    });
    // A name with no built-in starts from small; its description says what it grants.
    expect(options.sizes.get('xl')).toMatchObject({
      name: 'xl',
      defaultTtlHours: 2,
      maxTtlHours: 72,
      description: '16 CPUs requested; 2 hours by default, at most 3 days',
    });
    expect(options.sizes.get('medium')?.description).toBe(
      '4 CPUs, 8Gi memory requested; 1 day by default, at most 2 days',
    );
    expect(options.sizes.get('tiny')?.description).toBe('For a quick look');
    expect(options.sizes.has('small')).toBe(false);
  });

  it('reads the portal RoleBinding of a host cluster into its render options', () => {
    const managerRoleBinding = {
      clusterRole: 'hatchway-vcluster-manager',
      serviceAccount: { namespace: 'hatchway', name: 'hatchway' },
    };
    const options = read({
      hostClusters: [{ name: 'prod', managerRoleBinding }, { name: 'local' }],
    });
    expect(options.hostClusters).toEqual([
      {
        name: 'prod',
        provisioner: 'direct',
        kubeconfigServer: undefined,
        render: { managerRoleBinding },
      },
      {
        name: 'local',
        provisioner: 'direct',
        kubeconfigServer: undefined,
        render: {},
      },
    ]);
    expect(() =>
      read({
        hostClusters: [
          { name: 'prod', managerRoleBinding: { clusterRole: 'x' } },
        ],
      }),
    ).toThrow(/serviceAccount/);
  });

  it('reads image digests for every host cluster, each overridable, and refuses a non-digest', () => {
    const a = `sha256:${'a'.repeat(64)}`;
    const b = `sha256:${'b'.repeat(64)}`;
    const options = read({
      imageDigests: { controlPlane: a, kubernetes: a },
      hostClusters: [
        { name: 'prod', imageDigests: { kubernetes: b } },
        { name: 'local', provisioner: 'argocd' },
      ],
    });
    expect(options.hostClusters.map(h => h.render)).toEqual([
      { imageDigests: { controlPlane: a, kubernetes: b } },
      { imageDigests: { controlPlane: a, kubernetes: a } },
    ]);
    expect(read({ imageDigests: { controlPlane: b } }).hostClusters).toEqual([
      {
        name: 'local',
        provisioner: 'direct',
        render: { imageDigests: { controlPlane: b } },
      },
    ]);
    expect(() => read({ imageDigests: { controlPlane: 'latest' } })).toThrow(
      "vcluster.imageDigests.controlPlane must be a digest like sha256:<64 hex digits>, got 'latest'",
    );
    expect(() =>
      read({
        hostClusters: [
          { name: 'prod', imageDigests: { kubernetes: 'sha256:00' } },
        ],
      }),
    ).toThrow(
      /vcluster.hostClusters.prod.imageDigests.kubernetes must be a digest/,
    );
  });

  it('reads the namespaces allowed to reach vCluster API servers, each host cluster overriding', () => {
    const selector = (...values: string[]) => ({
      matchExpressions: [
        { key: 'kubernetes.io/metadata.name', operator: 'In', values },
      ],
    });
    const options = read({
      ingressNamespaces: ['hatchway', 'hatchway-runners'],
      hostClusters: [
        { name: 'prod', ingressNamespaces: ['portal'] },
        { name: 'local' },
      ],
    });
    expect(options.hostClusters.map(h => h.render)).toEqual([
      { ingressNamespaceSelector: selector('portal') },
      { ingressNamespaceSelector: selector('hatchway', 'hatchway-runners') },
    ]);
  });

  it('refuses a host cluster that is not configured, naming it', () => {
    expect(() => read({ hostClusters: [{ name: 'nope' }] })).toThrow(
      "vcluster.hostClusters names 'nope', which is not a configured cluster (local, prod)",
    );
  });

  it('refuses an unknown default size and a default TTL above the maximum', () => {
    expect(() => read({ defaultSize: 'huge' })).toThrow(/huge/);
    expect(() =>
      read({ sizes: { small: { defaultTtlHours: 100, maxTtlHours: 10 } } }),
    ).toThrow(/exceeds maxTtlHours/);
  });

  it('refuses to start without any cluster', () => {
    expect(() => read(undefined, [])).toThrow(/needs a host cluster/);
  });
});
