import './jestShim';
import type { RunningEmulator } from '@hatchway/kube-emulator';
import { knex as knexFactory, Knex } from 'knex';
import {
  hostClusterConfig,
  startVClusterBackend,
} from '../../plugins/vcluster-backend/src/__testUtils__/backend';
import { startHostEmulator } from '../../plugins/vcluster-backend/src/__testUtils__/emulator';

/** What a vCluster benchmark measures against. */
export interface VClusterBench {
  emulator: RunningEmulator;
  knex: Knex;
  as: Awaited<ReturnType<typeof startVClusterBackend>>['as'];
}

/**
 * Runs `measure` against the vCluster backend (in-memory SQLite) on an emulated host cluster,
 * with the periodic resync and housekeeping an hour apart so only what is measured runs, then
 * stops everything.
 */
export async function withVClusterBench(
  options: { realTimings?: boolean; vcluster?: object },
  measure: (bench: VClusterBench) => Promise<void>,
): Promise<void> {
  const emulator = await startHostEmulator({
    realTimings: options.realTimings,
  });
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  const { backend, as } = await startVClusterBackend({
    knex,
    config: hostClusterConfig(emulator.server.url, {
      ...options.vcluster,
      reconcile: {
        resyncSeconds: 3600,
        housekeepingSeconds: 3600,
        leaseSeconds: 10,
      },
    }),
  });
  try {
    await measure({ emulator, knex, as });
  } finally {
    await backend.stop();
    await emulator.close();
    await knex.destroy();
  }
}

/** Runs a benchmark's main and exits with its outcome (the emulator's timers keep node alive). */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    error => {
      console.error(error);
      process.exit(1);
    },
  );
}
