import { PatchStrategy } from '@kubernetes/client-node';
import { as, deployment, pod, useTestServer } from './harness';

describe('strategic merge patch', () => {
  const c = useTestServer();

  it('applies a strategic merge patch merging containers, env, ports and volumes by key', async () => {
    await c.apps.createNamespacedDeployment({
      namespace: 'default',
      body: deployment('smp'),
    });
    const patched = await c.apps.patchNamespacedDeployment(
      {
        namespace: 'default',
        name: 'smp',
        body: {
          spec: {
            template: {
              spec: {
                containers: [
                  {
                    name: 'web',
                    image: 'nginx:1.28',
                    env: [{ name: 'B', value: '2' }],
                    ports: [{ containerPort: 443 }],
                  },
                  { name: 'sidecar', $patch: 'delete' },
                  { name: 'extra', image: 'alpine:3' },
                ],
                volumes: [{ name: 'cache', emptyDir: {} }],
              },
            },
          },
        },
      },
      as(PatchStrategy.StrategicMergePatch),
    );
    const containers = patched.spec!.template.spec!.containers;
    expect(containers.map(x => x.name)).toEqual(['web', 'extra']);
    expect(containers[0].image).toBe('nginx:1.28');
    expect(containers[0].env).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: '2' },
    ]);
    expect(containers[0].ports?.map(p => p.containerPort)).toEqual([80, 443]);
    expect(patched.spec!.template.spec!.volumes?.map(v => v.name)).toEqual([
      'data',
      'cache',
    ]);
    expect(patched.metadata?.generation).toBe(2);
  });

  it('replaces lists without a merge key, unions finalizers and honours $setElementOrder', async () => {
    const body = pod('smp-pod', {
      spec: {
        containers: [
          { name: 'a', image: 'x', args: ['1', '2'] },
          { name: 'b', image: 'y' },
        ],
      },
    });
    await c.core.createNamespacedPod({
      namespace: 'default',
      body: {
        ...body,
        metadata: { ...body.metadata, finalizers: ['example.com/a'] },
      },
    });
    const patched = await c.core.patchNamespacedPod(
      {
        namespace: 'default',
        name: 'smp-pod',
        body: {
          spec: { containers: [{ name: 'a', image: 'x2' }] },
          metadata: { finalizers: ['example.com/b'] },
        },
      },
      as(PatchStrategy.StrategicMergePatch),
    );
    expect(
      patched.spec?.containers.map(x => [x.name, x.image, x.args]),
    ).toEqual([
      ['a', 'x2', ['1', '2']],
      ['b', 'y', undefined],
    ]);
    expect(patched.metadata?.finalizers).toEqual([
      'example.com/a',
      'example.com/b',
    ]);
    const argsReplaced = await c.apps.patchNamespacedDeployment(
      {
        namespace: 'default',
        name: 'smp',
        body: {
          spec: {
            template: {
              spec: { containers: [{ name: 'web', args: ['--x'] }] },
            },
          },
        },
      },
      as(PatchStrategy.StrategicMergePatch),
    );
    expect(argsReplaced.spec?.template.spec?.containers[0].args).toEqual([
      '--x',
    ]);
    const reordered = await c.apps.patchNamespacedDeployment(
      {
        namespace: 'default',
        name: 'smp',
        body: {
          spec: {
            template: {
              spec: {
                '$setElementOrder/containers': [
                  { name: 'extra' },
                  { name: 'web' },
                ],
              },
            },
          },
        },
      },
      as(PatchStrategy.StrategicMergePatch),
    );
    expect(reordered.spec?.template.spec?.containers.map(x => x.name)).toEqual([
      'extra',
      'web',
    ]);
    const cleared = await c.core.patchNamespacedPod(
      {
        namespace: 'default',
        name: 'smp-pod',
        body: { metadata: { finalizers: null } },
      },
      as(PatchStrategy.StrategicMergePatch),
    );
    expect(cleared.metadata?.finalizers).toBeUndefined();
  });
});
