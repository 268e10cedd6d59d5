import { GatewayCloseCode } from '@hatchway/plugin-terminal-common';

/** What a closed socket means for the session, and the sentence to show for it. */
export interface CloseVerdict {
  /** Whether a fresh ticket and a new socket may bring the session back. */
  retry: boolean;
  reason: string;
}

/** Standard WebSocket close codes the terminal meets (RFC 6455 §7.4.1). */
const WsCloseCode = {
  NORMAL: 1000,
  GOING_AWAY: 1001,
  ABNORMAL: 1006,
  POLICY: 1008,
  SERVER_ERROR: 1011,
  SERVICE_RESTART: 1012,
  TRY_AGAIN_LATER: 1013,
  BAD_GATEWAY: 1014,
} as const;

const verdicts: Record<number, CloseVerdict> = {
  [WsCloseCode.NORMAL]: { retry: false, reason: 'The shell exited' },
  [WsCloseCode.GOING_AWAY]: {
    retry: true,
    reason: 'The gateway is restarting',
  },
  [WsCloseCode.ABNORMAL]: { retry: true, reason: 'The connection was lost' },
  [WsCloseCode.POLICY]: {
    retry: false,
    reason: 'The terminal refused the connection',
  },
  [WsCloseCode.SERVER_ERROR]: { retry: true, reason: 'The gateway failed' },
  [WsCloseCode.SERVICE_RESTART]: {
    retry: true,
    reason: 'The gateway is restarting',
  },
  [WsCloseCode.TRY_AGAIN_LATER]: {
    retry: true,
    reason: 'The gateway is busy',
  },
  [WsCloseCode.BAD_GATEWAY]: {
    retry: true,
    reason: 'The gateway could not reach the runner',
  },
  // A ticket lives ~60 s and is single-use: a fresh one is exactly the cure for these two.
  [GatewayCloseCode.BAD_TICKET]: {
    retry: true,
    reason: 'The gateway refused the ticket',
  },
  [GatewayCloseCode.TICKET_USED]: {
    retry: true,
    reason: 'The ticket had already been used',
  },
  [GatewayCloseCode.NOT_READY]: {
    retry: true,
    reason: 'The session is not ready yet',
  },
  [GatewayCloseCode.UPSTREAM]: {
    retry: true,
    reason: 'The gateway could not reach the session runner',
  },
  // Over the gateway's per-user rate or session cap: the backoff gives the limit time to pass.
  [GatewayCloseCode.TOO_MANY]: {
    retry: true,
    reason: 'Too many connections from you at the gateway',
  },
  [GatewayCloseCode.NOT_OWNER]: {
    retry: false,
    reason: 'This session belongs to someone else',
  },
  [GatewayCloseCode.NO_SESSION]: {
    retry: false,
    reason: 'The session has ended',
  },
  [GatewayCloseCode.IDLE]: {
    retry: false,
    reason: 'The session ended after being idle',
  },
  [GatewayCloseCode.PROTOCOL]: {
    retry: false,
    reason: 'The gateway did not understand the terminal',
  },
};

/**
 * Decides whether to reconnect after the socket closed with `code`. Unknown codes count as a
 * network blip: the ticket request that precedes the next attempt finds out if the session
 * really ended, so guessing "retry" costs one request at most.
 */
export function classifyClose(code: number, reason = ''): CloseVerdict {
  const verdict = verdicts[code] ?? {
    retry: true,
    reason: 'The connection closed unexpectedly',
  };
  const detail = reason ? `${code}: ${reason}` : `${code}`;
  return { retry: verdict.retry, reason: `${verdict.reason} (${detail})` };
}
