import type { SessionTicketResponse } from '@hatchway/plugin-terminal-common';
import type { TerminalApi } from '../api/TerminalApi';
import { isTerminalApiError } from '../api/TerminalApiError';

/** The session is over: reconnecting cannot bring it back. */
export class SessionEndedError extends Error {
  readonly name = 'SessionEndedError';
}

/**
 * Fresh one-time tickets for a session, one per connection attempt. A refusal that means the
 * session is gone becomes a {@link SessionEndedError}, so the connection stops retrying;
 * "not ready yet" (409 on a live session) and other failures stay retryable.
 */
export function sessionTicketSource(
  api: Pick<TerminalApi, 'createTicket' | 'getSession'>,
  sessionId: string,
): () => Promise<SessionTicketResponse> {
  return async () => {
    try {
      return await api.createTicket(sessionId);
    } catch (error) {
      if (isTerminalApiError(error, 'not-found')) {
        throw new SessionEndedError('The session no longer exists');
      }
      if (isTerminalApiError(error, 'forbidden')) {
        throw new SessionEndedError(`Not allowed: ${error.message}`);
      }
      if (isTerminalApiError(error, 'conflict')) {
        // 409 means "not Ready": either still starting (retry) or already ended (stop).
        const session = await api.getSession(sessionId);
        if (session.state === 'Ended') {
          throw new SessionEndedError(
            session.reason
              ? `The session has ended: ${session.reason}`
              : 'The session has ended',
          );
        }
      }
      throw error;
    }
  };
}
