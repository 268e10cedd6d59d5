import {
  GatewayCloseCode,
  SessionTicketClaims,
} from '@hatchway/plugin-terminal-common';
import {
  KeySetUnavailableError,
  TicketRejectedError,
  TicketVerifier,
} from '../auth/TicketVerifier';
import { HandshakeRateLimiter } from '../limits/HandshakeRateLimiter';
import { PodAddressPolicy } from '../limits/PodAddressPolicy';
import { SessionCounter } from '../limits/SessionCounter';
import {
  GatewaySession,
  SessionStore,
  StoreUnavailableError,
} from '../store/SessionStore';
import { Refusal, TOO_MANY_CLOSE_CODE } from './Refusal';

/** What {@link authorizeSession} needs. */
export interface AuthorizeDeps {
  verifier: TicketVerifier;
  store: SessionStore;
  userRateLimiter: HandshakeRateLimiter;
  counter: SessionCounter;
  podAddresses: PodAddressPolicy;
  sessionsPerUser: number;
}

/** A session the client may be connected to, and the slot it holds under the caps. */
export interface SessionGrant {
  claims: SessionTicketClaims;
  session: GatewaySession & { pod_ip: string };
  release: () => void;
}

async function fromStore<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StoreUnavailableError) {
      throw new Refusal(
        GatewayCloseCode.NOT_READY,
        'the session store is unavailable',
        'store_unavailable',
      );
    }
    throw error;
  }
}

/**
 * Every check between the first message and dialling the runner, in order: the ticket
 * (signature, claims, this session), the user's rate and cap, spending the ticket (atomic, so
 * one of any number of concurrent uses wins), then the session row: it exists, belongs to the
 * ticket's subject, is Ready, still runs on the pod the ticket was issued for, at an allowed IP.
 */
export async function authorizeSession(
  sessionId: string,
  ticket: string,
  deps: AuthorizeDeps,
): Promise<SessionGrant> {
  let claims: SessionTicketClaims;
  try {
    claims = await deps.verifier.verify(ticket, sessionId);
  } catch (error) {
    if (error instanceof TicketRejectedError) {
      throw new Refusal(
        GatewayCloseCode.BAD_TICKET,
        error.message,
        'bad_ticket',
      );
    }
    if (error instanceof KeySetUnavailableError) {
      throw new Refusal(
        GatewayCloseCode.NOT_READY,
        error.message,
        'jwks_unavailable',
      );
    }
    throw error;
  }
  if (!deps.userRateLimiter.tryTake(claims.sub)) {
    throw new Refusal(
      TOO_MANY_CLOSE_CODE,
      'too many connection attempts; retry later',
      'rate_limited_user',
    );
  }
  const release = deps.counter.tryOpen(claims.sub, deps.sessionsPerUser);
  if (!release) {
    throw new Refusal(
      TOO_MANY_CLOSE_CODE,
      'too many open sessions for this user',
      'user_cap',
    );
  }
  try {
    const session = await checkSession(sessionId, claims, deps);
    return { claims, session, release };
  } catch (error) {
    release();
    throw error;
  }
}

async function checkSession(
  sessionId: string,
  claims: SessionTicketClaims,
  deps: AuthorizeDeps,
): Promise<GatewaySession & { pod_ip: string }> {
  const { spent, session } = await fromStore(() =>
    deps.store.spendTicketAndGetSession({
      jti: claims.jti,
      sessionId,
      expiresAt: new Date(claims.exp * 1000),
      owner: claims.sub,
      podUid: claims.puid,
    }),
  );
  if (!spent) {
    throw new Refusal(
      GatewayCloseCode.TICKET_USED,
      'the ticket was already used',
      'ticket_used',
    );
  }
  if (!session || session.state === 'Ended') {
    throw new Refusal(
      GatewayCloseCode.NO_SESSION,
      'no such session',
      'no_session',
    );
  }
  if (session.owner !== claims.sub) {
    throw new Refusal(
      GatewayCloseCode.NOT_OWNER,
      'not the owner of this session',
      'not_owner',
    );
  }
  if (session.state !== 'Ready' || !session.pod_ip) {
    throw new Refusal(
      GatewayCloseCode.NOT_READY,
      'the runner is not ready',
      'not_ready',
    );
  }
  if (session.pod_uid !== claims.puid) {
    throw new Refusal(
      GatewayCloseCode.BAD_TICKET,
      'the ticket was issued for a replaced runner; ask for a new one',
      'pod_replaced',
    );
  }
  if (!deps.podAddresses.allows(session.pod_ip)) {
    throw new Refusal(
      GatewayCloseCode.UPSTREAM,
      'the runner address is not allowed',
      'pod_ip_refused',
    );
  }
  return { ...session, pod_ip: session.pod_ip };
}
