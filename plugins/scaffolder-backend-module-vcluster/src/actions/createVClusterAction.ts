import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  validateVClusterName,
  VClusterClient,
  vclusterEntityRef,
} from '@hatchway/plugin-vcluster-common';
import type { KubeconfigUrlResolver } from '../client/kubeconfigUrl';
import type { VClusterClientFactory } from '../client/userScopedClient';
import { withBackendMessage } from './errors';

/** What the step outputs, and what its checkpoint stores (so a retry outputs the same). */
type CreatedVCluster = {
  name: string;
  namespace: string;
  entityRef: string;
  kubeconfigUrl: string;
};

/**
 * `vcluster:create`: asks the vCluster backend for a new vCluster owned by the user running the
 * template (or a group of theirs). It returns at once with phase Provisioning; follow it with
 * `vcluster:wait`.
 * @public
 */
export function createVClusterCreateAction(options: {
  clientFor: VClusterClientFactory;
  kubeconfigUrlFor: KubeconfigUrlResolver;
}) {
  return createTemplateAction({
    id: 'vcluster:create',
    description:
      'Creates a vCluster owned by the user running the template (or one of their groups).',
    supportsDryRun: true,
    schema: {
      input: {
        name: z => z.string().describe('The vCluster name (a DNS label).'),
        size: z => z.string().describe('Size preset, e.g. small or medium.'),
        ttlHours: z =>
          z
            .number()
            .int()
            .positive()
            .optional()
            .describe("Hours until it is deleted; defaults to the size's."),
        owner: z =>
          z
            .string()
            .optional()
            .describe(
              'Owner entity ref; defaults to the user running the template.',
            ),
        cluster: z =>
          z
            .string()
            .optional()
            .describe('Host cluster; defaults to the configured one.'),
      },
      output: {
        name: z => z.string(),
        namespace: z => z.string().describe('Its namespace on the host.'),
        entityRef: z => z.string().describe('Its catalog Resource.'),
        kubeconfigUrl: z =>
          z.string().describe('Where the kubeconfig is downloaded from.'),
      },
    },
    async handler(ctx) {
      const { name, size, ttlHours, cluster } = ctx.input;
      const owner = ctx.input.owner ?? ctx.user?.ref;
      const invalid = validateVClusterName(name);
      if (invalid) throw new InputError(invalid);
      const client = await options.clientFor(ctx);

      let created: CreatedVCluster;
      if (ctx.isDryRun) {
        await checkSizeAndTtl(client, size, ttlHours);
        ctx.logger.info(
          `Dry run: would create vCluster ${name} (size ${size}) owned by ${
            owner ?? 'the user running the template'
          }`,
        );
        created = await describeCreated(options.kubeconfigUrlFor, name);
      } else {
        // The checkpoint stores the result: a retried task outputs it again instead of
        // asking for a second vCluster (which would fail with 409 anyway).
        created = await ctx.checkpoint({
          key: `vcluster.create.${name}`,
          fn: async () => {
            await withBackendMessage(`Could not create vCluster ${name}`, () =>
              client.create({ name, size, ttlHours, owner, cluster }),
            );
            return describeCreated(options.kubeconfigUrlFor, name);
          },
        });
        ctx.logger.info(`vCluster ${name} accepted; it is provisioning`);
      }
      ctx.output('name', created.name);
      ctx.output('namespace', created.namespace);
      ctx.output('entityRef', created.entityRef);
      ctx.output('kubeconfigUrl', created.kubeconfigUrl);
    },
  });
}

async function describeCreated(
  kubeconfigUrlFor: KubeconfigUrlResolver,
  name: string,
): Promise<CreatedVCluster> {
  return {
    name,
    namespace: `vcluster-${name}`,
    entityRef: vclusterEntityRef(name),
    kubeconfigUrl: await kubeconfigUrlFor(name),
  };
}

/** The checks a dry run can make without changing anything: the size exists, the TTL fits. */
async function checkSizeAndTtl(
  client: VClusterClient,
  size: string,
  ttlHours: number | undefined,
): Promise<void> {
  const config = await withBackendMessage(
    'Could not read the vCluster config',
    () => client.getConfig(),
  );
  const preset = config.sizes.find(s => s.name === size);
  if (!preset) {
    const known = config.sizes.map(s => s.name).join(', ');
    throw new InputError(`Unknown size ${size}; choose one of ${known}`);
  }
  if (ttlHours !== undefined && ttlHours > preset.maxTtlHours) {
    throw new InputError(
      `A ${size} vCluster lives at most ${preset.maxTtlHours} hours (asked for ${ttlHours})`,
    );
  }
}
