import path from 'node:path';
import { BatchV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { startEmulator, RunningEmulator } from '@hatchway/kube-emulator';
import { TtydTestClient } from './testing/TtydTestClient';

jest.setTimeout(60000);

const DEV_RUNNER = path.resolve(__dirname, '../bin/dev-runner');
const CREDENTIAL = 'hatchway:emulated-session-pw';
const namespace = 'default';
// Runner pods all listen on 7681, so pods of other emulators on this machine (a running portal,
// other tests) must not share our pod IPs: a range of our own inside 127.0.0.0/8.
const POD_SUBNET = `127.77.${1 + Math.floor(Math.random() * 254)}`;

async function eventually<T>(probe: () => Promise<T | undefined>, ms = 40000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise(r => setTimeout(r, 200));
  }
}

describe('the dev runner as a runner pod in the emulator', () => {
  let emulator: RunningEmulator;
  let core: CoreV1Api;
  let batch: BatchV1Api;

  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      controllers: {
        processPods: [{ image: 'hatchway/runner', command: DEV_RUNNER }],
        timings: { maxProbePeriodMs: 200 },
        podIpRange: `${POD_SUBNET}.0/24`,
      },
    });
    const kc = new KubeConfig();
    kc.loadFromString(emulator.server.kubeConfig());
    core = kc.makeApiClient(CoreV1Api);
    batch = kc.makeApiClient(BatchV1Api);
  });
  afterAll(() => emulator.close());

  it('becomes Ready through its tcpSocket probe and serves a shell at <podIP>:7681/ws', async () => {
    await core.createNamespacedSecret({
      namespace,
      body: {
        metadata: { name: 'session-1' },
        stringData: { credential: CREDENTIAL },
      },
    });
    await batch.createNamespacedJob({
      namespace,
      body: {
        metadata: { name: 'session-1' },
        spec: {
          backoffLimit: 0,
          template: {
            spec: {
              restartPolicy: 'Never',
              containers: [
                {
                  name: 'runner',
                  image: 'hatchway/runner:dev',
                  args: ['bash', '--norc', '--noprofile'],
                  env: [
                    {
                      name: 'TTYD_CREDENTIAL',
                      valueFrom: {
                        secretKeyRef: { name: 'session-1', key: 'credential' },
                      },
                    },
                  ],
                  ports: [{ name: 'ttyd', containerPort: 7681 }],
                  readinessProbe: {
                    tcpSocket: { port: 7681 as any },
                    periodSeconds: 1,
                  },
                },
              ],
            },
          },
        },
      },
    });

    const pod = await eventually(async () => {
      const { items } = await core.listNamespacedPod({
        namespace,
        labelSelector: 'job-name=session-1',
      });
      const ready = items[0]?.status?.conditions?.find(c => c.type === 'Ready');
      return ready?.status === 'True' ? items[0] : undefined;
    });
    const podIP = pod.status!.podIP!;
    expect(podIP.startsWith(`${POD_SUBNET}.`)).toBe(true);

    const client = await TtydTestClient.connect(`ws://${podIP}:7681/ws`, {
      credential: CREDENTIAL,
    });
    try {
      client.init(CREDENTIAL);
      client.type('echo hatchway-$((6*7)) in $POD_NAMESPACE\r');
      const [, answer] = await client.waitForOutput(/hatchway-(\d+) in (\w+)/);
      expect(answer).toBe('42');
      expect(client.output()).toContain('hatchway-42 in default');
      // ttyd's title in a pod names the pod (its host name).
      expect(client.frames[0].toString()).toBe(
        `1tmux new -A -s main bash --norc --noprofile (${pod.metadata!.name})`,
      );
    } finally {
      client.close();
    }

    const log = await core.readNamespacedPodLog({
      namespace,
      name: pod.metadata!.name!,
    });
    expect(log).toContain('dev runner listening');
    expect(log).not.toContain('emulated-session-pw');
    expect(log).not.toContain(Buffer.from(CREDENTIAL).toString('base64'));
  });
});
