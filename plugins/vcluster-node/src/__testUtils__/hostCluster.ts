import { AppsV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { startEmulator } from '@hatchway/kube-emulator';
import type {
  EmulatorOptions,
  RunningApiServer,
} from '@hatchway/kube-emulator';

/** An emulated host cluster with controllers (vCluster ones included) and clients for it. */
export interface HostCluster {
  server: RunningApiServer;
  kubeConfig: KubeConfig;
  core: CoreV1Api;
  apps: AppsV1Api;
  /** Warnings and errors the emulator's controllers logged. */
  logged: string[];
  close(): Promise<void>;
}

/** Controller timings scaled down (a simulated second is 20 ms) so probes pass quickly. */
const FAST = {
  msPerSecond: 20,
  probeDelayMsPerSecond: 20,
  maxProbePeriodMs: 50,
  restartBackoffMs: 40,
  maxRestartBackoffMs: 200,
  crashRunMs: 30,
  maxTerminationGraceMs: 500,
  watchRetryMs: 50,
};

/**
 * Starts an emulated host cluster on an ephemeral port (with `options`, e.g. `rbac: true`); call
 * `close` in afterAll.
 */
export async function startHostCluster(
  options: Pick<EmulatorOptions, 'rbac'> = {},
): Promise<HostCluster> {
  const logged: string[] = [];
  const emulator = await startEmulator({
    ...options,
    port: 0,
    controllers: {
      timings: FAST,
      logger: {
        info: () => undefined,
        warn: message => logged.push(message),
        error: message => logged.push(message),
      },
    },
  });
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(emulator.server.kubeConfig());
  return {
    server: emulator.server,
    kubeConfig,
    core: kubeConfig.makeApiClient(CoreV1Api),
    apps: kubeConfig.makeApiClient(AppsV1Api),
    logged,
    close: () => emulator.close(),
  };
}

export { eventually } from '../testUtils';
