import { RunningEmulator, startEmulator } from '@hatchway/kube-emulator';
import { KubeConfig } from '@kubernetes/client-node';

/** The token the backend's cluster config carries. */
export const TEST_TOKEN = 'vcluster-test-token';

const quiet = { info() {}, warn() {}, error() {} };
const octet = (min: number, max: number) =>
  min + Math.floor(Math.random() * (max - min + 1));

/**
 * An emulated host cluster whose vCluster StatefulSets get nested API servers. Its pods take
 * addresses from a /24 of their own: a running portal's emulator hands out 127.1.0.x, and two
 * emulators sharing addresses would serve each other's nested API servers.
 */
export function startHostEmulator(
  options: { realTimings?: boolean } = {},
): Promise<RunningEmulator> {
  return startEmulator({
    tokens: { [TEST_TOKEN]: 'system:serviceaccount:hatchway:backend' },
    controllers: {
      podIpRange: `127.${octet(100, 200)}.${octet(0, 255)}.0/24`,
      // Probes and the syncer's start-up take milliseconds instead of seconds, unless a bench
      // measures what the portal's emulator would take.
      timings: options.realTimings
        ? undefined
        : { watchRetryMs: 50, probeDelayMsPerSecond: 1 },
      logger: quiet,
    },
  });
}

/** An admin KubeConfig for the test's own look at the host cluster. */
export function adminKubeConfig(emulator: RunningEmulator): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromString(emulator.server.kubeConfig());
  return kc;
}

export { eventually } from '@hatchway/plugin-vcluster-node/testUtils';
