import { LoggerService } from '@backstage/backend-plugin-api';
import { SessionStore, StoredSession } from '../database/types';
import { SessionTerminator } from './SessionTerminator';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Why a live session must end now, or undefined while it may go on. */
export function reapReason(
  session: StoredSession,
  now: Date,
): string | undefined {
  if (now >= session.expiresAt) return 'maximum lifetime reached';
  const lastSign =
    session.lastActivityAt ?? session.readyAt ?? session.createdAt;
  const idleSeconds = (now.getTime() - lastSign.getTime()) / 1000;
  if (idleSeconds >= session.idleTimeoutSeconds) {
    return `idle for more than ${session.idleTimeoutSeconds} s`;
  }
  return undefined;
}

/**
 * The scheduled clean-up: ends sessions past their lifetime or idle timeout (deleting their
 * runners), prunes spent ticket ids and old recordings.
 */
export class SessionReaper {
  constructor(
    private readonly deps: {
      store: SessionStore;
      terminator: SessionTerminator;
      recordingRetentionDays: number;
      logger: LoggerService;
      clock: () => Date;
    },
  ) {}

  async run(): Promise<{
    ended: number;
    ticketsPruned: number;
    chunksPruned: number;
  }> {
    const { store, terminator, clock } = this.deps;
    const now = clock();
    let ended = 0;
    for (const session of await store.listLive()) {
      const reason = reapReason(session, now);
      if (reason && (await terminator.end(session, reason))) ended++;
    }
    const ticketsPruned = await store.pruneSpentTickets(now);
    const chunksPruned = await store.pruneRecordings(
      new Date(now.getTime() - this.deps.recordingRetentionDays * DAY_MS),
    );
    if (ended || ticketsPruned || chunksPruned) {
      this.deps.logger.info('Terminal sessions reaped', {
        ended,
        ticketsPruned,
        chunksPruned,
      });
    }
    return { ended, ticketsPruned, chunksPruned };
  }
}
