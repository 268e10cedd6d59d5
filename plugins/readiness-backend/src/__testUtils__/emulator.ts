import { RunningEmulator, startEmulator } from '@hatchway/kube-emulator';
import { CoreV1Api, KubeConfig, V1Pod } from '@kubernetes/client-node';

/** The token `clustersConfig` gives the readiness plugin. */
export const TEST_TOKEN = 'test-token';

/**
 * An emulated cluster whose workloads run. Crash-looping containers exit at once and then wait
 * ten seconds, so a scan right after one is seen in `CrashLoopBackOff` still sees it there.
 */
export function startRunningEmulator(): Promise<RunningEmulator> {
  return startEmulator({
    tokens: { [TEST_TOKEN]: 'system:serviceaccount:hatchway:readiness' },
    controllers: {
      timings: {
        crashRunMs: 20,
        restartBackoffMs: 10_000,
        maxRestartBackoffMs: 10_000,
        probeDelayMsPerSecond: 1,
        watchRetryMs: 50,
      },
      logger: { info() {}, warn() {}, error() {} },
    },
  });
}

/** Why a pod is not running well, as `kubectl get pods` shows it; `Ready` when it is. */
export function podState(pod: V1Pod): string {
  const waiting = pod.status?.containerStatuses
    ?.map(s => s.state?.waiting?.reason)
    .find(Boolean);
  if (waiting) return waiting;
  const ready = pod.status?.conditions?.some(
    c => c.type === 'Ready' && c.status === 'True',
  );
  return ready ? 'Ready' : pod.status?.phase ?? 'Unknown';
}

/**
 * Waits until the pods of each key (a namespace, or a pod name prefix) exist and are all in the
 * state given for it, polling the API server as kubectl would.
 */
export async function waitForPods(
  emulator: RunningEmulator,
  expected: Record<string, RegExp>,
  timeoutMs = 30_000,
): Promise<void> {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(emulator.server.kubeConfig());
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const { items } = await core.listPodForAllNamespaces();
    const wrong = Object.entries(expected).flatMap(([where, state]) => {
      const pods = items.filter(
        p =>
          p.metadata?.namespace === where ||
          p.metadata?.name?.startsWith(where),
      );
      if (!pods.length) return [`${where}: no pods yet`];
      return pods
        .filter(p => !state.test(podState(p)))
        .map(p => `${p.metadata?.name}: ${podState(p)}`);
    });
    if (!wrong.length) return;
    last = wrong.join(', ');
    if (Date.now() > deadline) {
      throw new Error(`Pods did not settle: ${last}`);
    }
    await new Promise(r => setTimeout(r, 100));
  }
}
