import { LoggerService } from '@backstage/backend-plugin-api';
import { SessionStore, StoredSession } from '../database/types';
import { RunnerJobs } from '../kubernetes/RunnerJobs';

/**
 * Ends sessions: marks the row Ended (once, whoever gets there first) and deletes the runner's
 * Job and Secret. Used by the API, the pod watcher and the reaper alike.
 */
export class SessionTerminator {
  constructor(
    private readonly store: SessionStore,
    private readonly jobs: RunnerJobs,
    private readonly logger: LoggerService,
    private readonly clock: () => Date,
  ) {}

  /** Ends the session; returns false when it had already ended. */
  async end(session: StoredSession, reason: string): Promise<boolean> {
    const ended = await this.store.end(session.id, reason, this.clock());
    if (!ended) return false;
    this.logger.info('Terminal session ended', {
      session: session.id,
      owner: session.owner,
      reason,
    });
    try {
      await this.jobs.delete(session.jobName, session.secretName);
    } catch (error) {
      // The Job's deadline and ttlSecondsAfterFinished still remove it; the reaper retries.
      this.logger.warn('Could not delete the runner of an ended session', {
        session: session.id,
        error: String(error),
      });
    }
    return true;
  }
}
