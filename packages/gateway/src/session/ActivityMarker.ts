import { GatewayLogger } from '../observability/logger';
import { SessionStore } from '../store/SessionStore';

/**
 * Writes `last_activity_at` for the backend's idle reaper, at most once per interval per
 * session, never more than one write in flight, and never in the way of the bytes: a failed
 * write (the database away) is logged and retried with the next activity.
 */
export class ActivityMarker {
  private lastWrite = 0;
  private writing = false;

  constructor(
    private readonly store: SessionStore,
    private readonly sessionId: string,
    private readonly intervalMs: number,
    private readonly logger: GatewayLogger,
  ) {}

  touch(): void {
    const now = Date.now();
    if (this.writing || now - this.lastWrite < this.intervalMs) return;
    this.writing = true;
    this.lastWrite = now;
    this.store
      .markActivity(this.sessionId, new Date(now))
      .catch(error =>
        this.logger.warn('could not record session activity', {
          error: (error as Error).message,
        }),
      )
      .finally(() => {
        this.writing = false;
      });
  }
}
