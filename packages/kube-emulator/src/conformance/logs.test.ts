import { PassThrough } from 'node:stream';
import { Log } from '@kubernetes/client-node';
import { eventually, expectStatus, pod, useTestServer } from './harness';

describe('pods/log', () => {
  const c = useTestServer();
  const running = async (
    name: string,
    containers = [{ name: 'app', image: 'x' }],
  ) => {
    const p = await c.core.createNamespacedPod({
      namespace: 'default',
      body: pod(name, { spec: { containers, nodeName: 'n' } }),
    });
    await c.core.replaceNamespacedPodStatus({
      namespace: 'default',
      name,
      body: { ...p, status: { phase: 'Running' } },
    });
  };
  beforeAll(async () => {
    await running('web');
    c.server.appendPodLog('default', 'web', 'app', 'line 1\nline 2\n');
    c.server.appendPodLog('default', 'web', 'app', 'line 3\n');
  });

  it('returns what was logged, honouring tailLines, limitBytes and timestamps', async () => {
    expect(
      await c.core.readNamespacedPodLog({ namespace: 'default', name: 'web' }),
    ).toBe('line 1\nline 2\nline 3\n');
    expect(
      await c.core.readNamespacedPodLog({
        namespace: 'default',
        name: 'web',
        tailLines: 2,
      }),
    ).toBe('line 2\nline 3\n');
    expect(
      await c.core.readNamespacedPodLog({
        namespace: 'default',
        name: 'web',
        limitBytes: 9,
      }),
    ).toBe('line 1\nli');
    const stamped = await c.core.readNamespacedPodLog({
      namespace: 'default',
      name: 'web',
      timestamps: true,
      tailLines: 1,
    });
    expect(stamped).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z line 3\n$/,
    );
  });

  it('follows the log until the pod finishes', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', d => (text += d.toString()));
    const ended = new Promise(r => out.on('end', r));
    await new Log(c.kc).log('default', 'web', 'app', out, {
      follow: true,
      tailLines: 1,
    });
    await eventually(() => text === 'line 3\n');
    c.server.appendPodLog('default', 'web', 'app', 'line 4\n');
    await eventually(() => text === 'line 3\nline 4\n');
    const p = await c.core.readNamespacedPod({
      namespace: 'default',
      name: 'web',
    });
    await c.core.replaceNamespacedPodStatus({
      namespace: 'default',
      name: 'web',
      body: { ...p, status: { phase: 'Succeeded' } },
    });
    await ended;
    expect(text).toBe('line 3\nline 4\n');
  });

  it('picks containers by name and explains mistakes with 400s', async () => {
    await running('two', [
      { name: 'a', image: 'x' },
      { name: 'b', image: 'y' },
    ]);
    c.server.appendPodLog('default', 'two', 'b', 'from b\n');
    expect(
      await c.core.readNamespacedPodLog({
        namespace: 'default',
        name: 'two',
        container: 'b',
      }),
    ).toBe('from b\n');
    const choose = await expectStatus(
      c.core.readNamespacedPodLog({ namespace: 'default', name: 'two' }),
      400,
    );
    expect(choose.message).toBe(
      'a container name must be specified for pod two, choose one of: [a b]',
    );
    const wrong = await expectStatus(
      c.core.readNamespacedPodLog({
        namespace: 'default',
        name: 'two',
        container: 'zz',
      }),
      400,
    );
    expect(wrong.message).toBe('container zz is not valid for pod two');
  });

  it('reports pods that have not started and pods that do not exist', async () => {
    await c.core.createNamespacedPod({
      namespace: 'default',
      body: pod('pending'),
    });
    const waiting = await expectStatus(
      c.core.readNamespacedPodLog({ namespace: 'default', name: 'pending' }),
      400,
    );
    expect(waiting.message).toBe(
      'container "app" in pod "pending" is waiting to start: ContainerCreating',
    );
    const missing = await expectStatus(
      c.core.readNamespacedPodLog({ namespace: 'default', name: 'ghost' }),
      404,
    );
    expect(missing.message).toBe('pods "ghost" not found');
  });
});
