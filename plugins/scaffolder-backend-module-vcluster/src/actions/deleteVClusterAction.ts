import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { validateVClusterName } from '@hatchway/plugin-vcluster-common';
import type { VClusterClientFactory } from '../client/userScopedClient';
import { hasStatus, withBackendMessage } from './errors';

/**
 * `vcluster:delete`: starts deleting a vCluster. One that is already gone counts as deleted, so
 * a retried step (or a clean-up step after a failed create) does not fail.
 * @public
 */
export function createVClusterDeleteAction(options: {
  clientFor: VClusterClientFactory;
}) {
  return createTemplateAction({
    id: 'vcluster:delete',
    description:
      'Deletes a vCluster; one that does not exist counts as deleted.',
    supportsDryRun: true,
    schema: {
      input: {
        name: z => z.string().describe('The vCluster name.'),
      },
      output: {
        name: z => z.string(),
        deleted: z =>
          z.boolean().describe('False when there was nothing to delete.'),
      },
    },
    async handler(ctx) {
      const { name } = ctx.input;
      const invalid = validateVClusterName(name);
      if (invalid) throw new InputError(invalid);
      ctx.output('name', name);
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would delete vCluster ${name}`);
        ctx.output('deleted', true);
        return;
      }
      const client = await options.clientFor(ctx);
      const deleted = await ctx.checkpoint({
        key: `vcluster.delete.${name}`,
        fn: async () => {
          try {
            await client.delete(name);
            return true;
          } catch (error) {
            if (hasStatus(error, 404)) return false;
            return withBackendMessage(`Could not delete vCluster ${name}`, () =>
              Promise.reject(error),
            );
          }
        },
      });
      ctx.logger.info(
        deleted
          ? `vCluster ${name} is being deleted`
          : `vCluster ${name} did not exist; nothing to delete`,
      );
      ctx.output('deleted', deleted);
    },
  });
}
