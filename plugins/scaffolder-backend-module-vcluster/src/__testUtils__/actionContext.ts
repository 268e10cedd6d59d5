import { mockCredentials } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';

/**
 * Checkpoints that outlive one run of a step, as the scaffolder keeps them in the task's state:
 * pass the same store to two runs to play a retried task.
 */
export class CheckpointStore {
  readonly values = new Map<string, unknown>();

  checkpoint = async <T>(opts: {
    key: string;
    fn: () => Promise<T> | T;
  }): Promise<T> => {
    if (this.values.has(opts.key)) return this.values.get(opts.key) as T;
    const value = await opts.fn();
    this.values.set(opts.key, value);
    return value;
  };
}

/**
 * createMockActionContext for a step run by `userRef`, with the dry-run flag and checkpoint
 * store the mock itself does not take.
 */
export function actionContext<TInput extends Record<string, any>>(
  input: TInput,
  options: {
    userRef?: string;
    isDryRun?: boolean;
    checkpoints?: CheckpointStore;
  } = {},
) {
  const userRef = options.userRef ?? 'user:default/jane';
  const base = createMockActionContext<TInput>({
    input,
    user: { ref: userRef },
  });
  return {
    ...base,
    isDryRun: options.isDryRun ?? false,
    checkpoint: (options.checkpoints ?? new CheckpointStore())
      .checkpoint as typeof base.checkpoint,
    getInitiatorCredentials: async () => mockCredentials.user(userRef),
  } as typeof base;
}
