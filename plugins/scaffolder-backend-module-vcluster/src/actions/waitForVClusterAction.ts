import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  validateVClusterName,
  VCluster,
  VClusterClient,
} from '@hatchway/plugin-vcluster-common';
import { setTimeout as sleep } from 'node:timers/promises';
import type { VClusterClientFactory } from '../client/userScopedClient';
import { hasStatus, withBackendMessage } from './errors';

const DEFAULT_TIMEOUT_SECONDS = 600;
const DEFAULT_POLL_SECONDS = 3;

/**
 * `vcluster:wait`: polls a vCluster until it is Ready. Failing, being deleted or put to sleep
 * meanwhile, or not getting Ready in time fails the step with the reason.
 * @public
 */
export function createVClusterWaitAction(options: {
  clientFor: VClusterClientFactory;
}) {
  return createTemplateAction({
    id: 'vcluster:wait',
    description:
      'Waits until a vCluster is Ready; fails when it fails or the time runs out.',
    supportsDryRun: true,
    schema: {
      input: {
        name: z => z.string().describe('The vCluster name.'),
        timeoutSeconds: z =>
          z
            .number()
            .positive()
            .optional()
            .describe(
              `Give up after this long (${DEFAULT_TIMEOUT_SECONDS} s).`,
            ),
        pollIntervalSeconds: z =>
          z
            .number()
            .positive()
            .optional()
            .describe(`Time between checks (${DEFAULT_POLL_SECONDS} s).`),
      },
      output: {
        phase: z => z.string(),
        readyAt: z => z.string().optional(),
      },
    },
    async handler(ctx) {
      const { name } = ctx.input;
      const invalid = validateVClusterName(name);
      if (invalid) throw new InputError(invalid);
      if (ctx.isDryRun) {
        // The vCluster of a dry run was never created: there is nothing to wait for.
        ctx.logger.info(`Dry run: would wait for vCluster ${name} to be Ready`);
        ctx.output('phase', 'Ready');
        return;
      }
      const client = await options.clientFor(ctx);
      const ready = await waitUntilReady(client, name, {
        timeoutMs: (ctx.input.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000,
        pollMs: (ctx.input.pollIntervalSeconds ?? DEFAULT_POLL_SECONDS) * 1000,
        signal: ctx.signal,
        onPhase: phase => ctx.logger.info(`vCluster ${name} is ${phase}`),
      });
      ctx.output('phase', ready.phase);
      if (ready.readyAt) ctx.output('readyAt', ready.readyAt);
    },
  });
}

async function waitUntilReady(
  client: VClusterClient,
  name: string,
  options: {
    timeoutMs: number;
    pollMs: number;
    signal?: AbortSignal;
    onPhase: (phase: string) => void;
  },
): Promise<VCluster> {
  const deadline = Date.now() + options.timeoutMs;
  let lastPhase: string | undefined;
  for (;;) {
    const vcluster = await getOrExplain(client, name);
    if (vcluster.phase !== lastPhase) options.onPhase(vcluster.phase);
    lastPhase = vcluster.phase;
    if (vcluster.phase === 'Ready') return vcluster;
    if (vcluster.phase !== 'Provisioning') {
      // Failed, Deleting and Sleeping never turn Ready on their own.
      throw new Error(
        `vCluster ${name} is ${vcluster.phase}${
          vcluster.reason ? `: ${vcluster.reason}` : ''
        }`,
      );
    }
    if (Date.now() + options.pollMs > deadline) {
      throw new Error(
        `vCluster ${name} was not Ready after ${Math.round(
          options.timeoutMs / 1000,
        )} s (still Provisioning${
          vcluster.reason ? `: ${vcluster.reason}` : ''
        })`,
      );
    }
    await sleep(options.pollMs, undefined, { signal: options.signal });
  }
}

async function getOrExplain(
  client: VClusterClient,
  name: string,
): Promise<VCluster> {
  try {
    return await client.get(name);
  } catch (error) {
    if (hasStatus(error, 404)) {
      throw new Error(`vCluster ${name} does not exist (or was deleted)`);
    }
    return withBackendMessage(`Could not read vCluster ${name}`, () =>
      Promise.reject(error),
    );
  }
}
