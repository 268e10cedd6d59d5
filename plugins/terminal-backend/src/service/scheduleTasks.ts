import {
  LifecycleService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { RunnerPodInformer } from '../kubernetes/RunnerPodInformer';
import { SessionPodTracker } from './SessionPodTracker';
import { SessionReaper } from './SessionReaper';
import { WarmPool } from './WarmPool';

/** How often sessions are reaped and warm pools topped up. */
const REAP_EVERY_SECONDS = 15;

/**
 * Starts watching runner pods (then matches live sessions with them, so a restart loses no
 * session), fills the warm pools, and schedules the reaper.
 */
export async function scheduleTasks(deps: {
  logger: LoggerService;
  lifecycle: LifecycleService;
  scheduler: SchedulerService;
  informer: RunnerPodInformer;
  tracker: SessionPodTracker;
  reaper: SessionReaper;
  warmPool: WarmPool;
}): Promise<void> {
  const { logger, informer, tracker, warmPool } = deps;
  deps.lifecycle.addShutdownHook(() => informer.stop());
  try {
    await informer.start();
    await tracker.reconcile();
  } catch (error) {
    // The informer keeps retrying; the backend still starts.
    logger.error('Could not start watching runner pods', {
      error: String(error),
    });
  }
  warmPool
    .refill()
    .catch(error =>
      logger.warn('Could not fill the warm pool', { error: String(error) }),
    );
  await deps.scheduler.scheduleTask({
    id: 'terminal-session-reaper',
    frequency: { seconds: REAP_EVERY_SECONDS },
    timeout: { minutes: 2 },
    initialDelay: { seconds: REAP_EVERY_SECONDS },
    fn: async () => {
      await deps.reaper.run();
      await warmPool.refill();
    },
  });
}
