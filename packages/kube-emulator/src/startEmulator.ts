import os from 'node:os';
import path from 'node:path';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';
import {
  ApiServerOptions,
  RunningApiServer,
  startApiServer,
} from './startApiServer';
import { startControllers } from './controllers';
import type {
  ControllerOptions,
  RunningControllers,
  VClusterHooks,
} from './controllers';

/** Options of {@link startEmulator}. */
export interface EmulatorOptions extends ApiServerOptions {
  /**
   * Folder for the stored objects of nested vCluster API servers (one snapshot file each), so a
   * vCluster scaled to 0 resumes with its objects. Default: the folder of `snapshotFile`, or a
   * temporary folder removed on close.
   */
  nestedStateDir?: string;
  /** Controller options (process pods, timings, switches); `kubeConfig` is filled in. */
  controllers?: Omit<ControllerOptions, 'kubeConfig' | 'logSink' | 'vcluster'>;
  /** Set to false to serve the API only, without controllers. */
  runControllers?: boolean;
}

/** A running emulator: the API server and its controllers. */
export interface RunningEmulator {
  server: RunningApiServer;
  /** Stops the controllers (and nested vClusters), then the API server. */
  close(): Promise<void>;
}

/**
 * Starts a complete emulated cluster: the API server plus the controllers that make workloads
 * run, with each `app=vcluster` StatefulSet served by a nested emulator of its own.
 */
export async function startEmulator(
  options: EmulatorOptions = {},
): Promise<RunningEmulator> {
  const server = await startApiServer(options);
  if (options.runControllers === false) {
    return { server, close: () => server.close() };
  }

  let tempDir: string | undefined;
  const nestedDir =
    options.nestedStateDir ??
    (options.snapshotFile
      ? path.join(path.dirname(options.snapshotFile), 'vclusters')
      : (tempDir = mkdtempSync(path.join(os.tmpdir(), 'kube-emulator-vc-'))));
  mkdirSync(nestedDir, { recursive: true });
  const snapshotOf = (key: string) =>
    path.join(nestedDir, `${key.replace(/[^a-z0-9.-]+/gi, '_')}.json`);

  const vcluster: VClusterHooks = {
    async startNested(_name, { key }) {
      const nested = await startApiServer({
        host: options.host,
        tls: options.tls,
        snapshotFile: snapshotOf(key),
      });
      // Pods created inside a vCluster run too, as they would on the host's nodes.
      const nestedControllers = await startControllers({
        kubeConfig: kubeConfigOf(nested),
        logSink: nested.appendPodLog,
        enabled: { vcluster: false },
        timings: options.controllers?.timings,
        logger: options.controllers?.logger,
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
  };

  let controllers: RunningControllers;
  try {
    controllers = await startControllers({
      ...options.controllers,
      kubeConfig: kubeConfigOf(server),
      logSink: server.appendPodLog,
      vcluster,
    });
  } catch (e) {
    await server.close();
    throw e;
  }

  return {
    server,
    async close() {
      await controllers.stop();
      await server.close();
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    },
  };
}

function kubeConfigOf(server: RunningApiServer): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromString(server.kubeConfig());
  return kc;
}
