import { ConfigReader } from '@backstage/config';
import { readVClusterConfig } from './readVClusterConfig';

const read = (vcluster?: object, clusters = ['local', 'prod']) =>
  readVClusterConfig(new ConfigReader(vcluster ? { vcluster } : {}), clusters);

describe('readVClusterConfig', () => {
  it('defaults to the first cluster, direct, the built-in sizes and quotas', () => {
    const options = read();
    expect(options.hostClusters).toEqual([
      { name: 'local', provisioner: 'direct', render: {} },
    ]);
    expect([...options.sizes.keys()]).toEqual(['small', 'medium']);
    expect(options.defaultSize).toBe('small');
    expect(options.quotas).toEqual({ perUser: 3, perGroup: 10 });
    expect(options.idleSleepAfterMinutes).toBe(120);
    expect(options.reconcile.provisionTimeoutSeconds).toBe(600);
  });

  it('fills configured sizes from the built-in of the same name', () => {
    const options = read({
      sizes: { medium: { maxTtlHours: 48 }, large: { defaultTtlHours: 2 } },
      defaultSize: 'large',
    });
    expect(options.sizes.get('medium')).toMatchObject({
      maxTtlHours: 48,
      defaultTtlHours: 24,
      quota: expect.objectContaining({ 'requests.cpu': '4' }),
    });
    expect(options.sizes.get('large')).toMatchObject({
      name: 'large',
      defaultTtlHours: 2,
      maxTtlHours: 72,
    });
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
