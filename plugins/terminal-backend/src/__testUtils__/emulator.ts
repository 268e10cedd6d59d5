import {
  ProcessPodRule,
  RunningEmulator,
  startEmulator,
} from '@hatchway/kube-emulator';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { STAND_IN_RULES } from './config';

/** The token the terminal plugin's cluster entry carries in tests. */
export const TEST_TOKEN = 'terminal-test-token';
export const RUNNER_NAMESPACE = 'hatchway-runners';
/** The image whose pods run the dev runner (packages/runner) as a real process. */
export const RUNNER_IMAGE = 'hatchway/runner';

/** The dev runner: ttyd's protocol, byte for byte, in front of tmux under a PTY. */
export const DEV_RUNNER = require.resolve('@hatchway/runner/bin/dev-runner');

/**
 * An emulated cluster whose runner pods really run the dev runner (listening on the pod's
 * loopback IP, port 7681, probed by the kubelet), with the runner namespace created.
 */
export async function startRunnerCluster(
  options: {
    podIpRange?: string;
    /** How runner pods start (bench/terminal compares launchers); default the dev runner. */
    runner?: { command: string; args?: string[]; env?: Record<string, string> };
    /** More process-pod rules (another image run another way, beside the runner). */
    processPods?: ProcessPodRule[];
  } = {},
): Promise<{
  emulator: RunningEmulator;
  core: CoreV1Api;
  kubeConfig: KubeConfig;
}> {
  const emulator = await startEmulator({
    tokens: { [TEST_TOKEN]: 'system:serviceaccount:hatchway:terminal' },
    controllers: {
      processPods: [
        { image: RUNNER_IMAGE, command: DEV_RUNNER, ...options.runner },
        ...(options.processPods ?? []),
        ...STAND_IN_RULES,
      ],
      podIpRange: options.podIpRange ?? testPodIpRange(),
      timings: { maxProbePeriodMs: 100, watchRetryMs: 50, msPerSecond: 1000 },
      logger: { info() {}, warn() {}, error() {} },
    },
  });
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(emulator.server.kubeConfig());
  const core = kubeConfig.makeApiClient(CoreV1Api);
  await core.createNamespace({
    body: { metadata: { name: RUNNER_NAMESPACE } },
  });
  return { emulator, core, kubeConfig };
}

/**
 * A loopback range of our own (other emulators hold 127.1.x.y:7681, the runner's tests
 * 127.77.x.y), and in it one /20 per jest worker: every emulator hands out IPs from the start
 * of its range, so test files running side by side would put runners on the same IP:7681.
 */
function testPodIpRange(): string {
  const worker = Number(process.env.JEST_WORKER_ID ?? 1);
  return `127.79.${(worker % 16) * 16}.0/20`;
}

/** Cluster locator config reaching the emulator, as the Backstage Kubernetes plugin reads it. */
export function clusterConfig(emulator: RunningEmulator) {
  return {
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name: 'host',
              url: emulator.server.url,
              authProvider: 'serviceAccount',
              serviceAccountToken: TEST_TOKEN,
              skipTLSVerify: true,
            },
          ],
        },
      ],
    },
  };
}

/** Polls until the check passes (returns a truthy value) or the timeout ends. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out waiting for ${what}${lastError ? `: ${lastError}` : ''}`,
      );
    }
    await new Promise(r => setTimeout(r, 50));
  }
}
