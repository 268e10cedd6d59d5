import {
  RunningEmulator,
  startApiServer,
  startControllers,
} from '@hatchway/kube-emulator';
import { KubeConfig } from '@kubernetes/client-node';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The token the backend's cluster config carries. */
export const TEST_TOKEN = 'vcluster-test-token';

const timings = { watchRetryMs: 50, probeDelayMsPerSecond: 1 };
const quiet = { info() {}, warn() {}, error() {} };

const kubeConfigOf = (server: { kubeConfig(): string }) => {
  const kc = new KubeConfig();
  kc.loadFromString(server.kubeConfig());
  return kc;
};

/**
 * An emulated host cluster whose vCluster StatefulSets get nested API servers, composed like
 * `startEmulator` but with the nested servers' debounced snapshot writes switched off: on a
 * loaded machine two debounced writes overlap and race on one temp file (ENOENT on rename,
 * kube-emulator `SnapshotWriter.flush`). The final write on stop still keeps objects across
 * sleep and wake.
 */
export async function startHostEmulator(): Promise<RunningEmulator> {
  const server = await startApiServer({
    tokens: { [TEST_TOKEN]: 'system:serviceaccount:hatchway:backend' },
  });
  const dir = mkdtempSync(join(tmpdir(), 'vcluster-backend-test-'));
  const snapshotOf = (key: string) =>
    join(dir, `${key.replace(/[^a-z0-9.-]+/gi, '_')}.json`);
  const controllers = await startControllers({
    kubeConfig: kubeConfigOf(server),
    logSink: server.appendPodLog,
    timings,
    logger: quiet,
    vcluster: {
      async startNested(_name, { key }) {
        const nested = await startApiServer({
          snapshotFile: snapshotOf(key),
          snapshotDebounceMs: 3_600_000,
        });
        const nestedControllers = await startControllers({
          kubeConfig: kubeConfigOf(nested),
          logSink: nested.appendPodLog,
          enabled: { vcluster: false },
          timings,
          logger: quiet,
        });
        return {
          url: nested.url,
          kubeConfigYaml: nested.kubeConfig(),
          async stop() {
            await nestedControllers.stop();
            await nested.close();
          },
        };
      },
      async destroyNested(_name, { key }) {
        rmSync(snapshotOf(key), { force: true });
      },
    },
  });
  return {
    server,
    async close() {
      await controllers.stop();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An admin KubeConfig for the test's own look at the host cluster. */
export function adminKubeConfig(emulator: RunningEmulator): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromString(emulator.server.kubeConfig());
  return kc;
}

/** Polls until `check` returns a value other than undefined (or throws after the timeout). */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out waiting for ${what}${last ? `: ${last}` : ''}`,
      );
    }
    await new Promise(r => setTimeout(r, 100));
  }
}
