import { createRemoteJWKSet, errors, jwtVerify, JWTVerifyGetKey } from 'jose';
import {
  SessionTicketClaims,
  TICKET_ALGORITHM,
} from '@hatchway/plugin-terminal-common';

/** Why a ticket was refused; the reason is safe to log and to send (it never holds the ticket). */
export class TicketRejectedError extends Error {
  readonly name = 'TicketRejectedError';
}

/** Raised when the key set cannot be fetched: not the client's fault, so 4503, not 4401. */
export class KeySetUnavailableError extends Error {
  readonly name = 'KeySetUnavailableError';
}

/** Options of {@link TicketVerifier}. */
export interface TicketVerifierOptions {
  jwksUrl: string;
  issuer: string;
  audience: string;
  clockToleranceSeconds: number;
}

const REQUIRED_CLAIMS = ['sub', 'sid', 'puid', 'jti', 'exp', 'iat'];

/**
 * Verifies session tickets: RS256 only, against the terminal backend's JWKS (one remote key set
 * per process, which caches keys and refetches on an unknown `kid`), issuer, audience, expiry
 * with a small tolerance, and the session id the ticket was issued for.
 */
export class TicketVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(private readonly options: TicketVerifierOptions) {
    this.keys = createRemoteJWKSet(new URL(options.jwksUrl), {
      timeoutDuration: 3000,
      cooldownDuration: 10000,
    });
  }

  /** The ticket's claims when it is valid for `sessionId`; throws {@link TicketRejectedError}. */
  async verify(
    ticket: string,
    sessionId: string,
  ): Promise<SessionTicketClaims> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(ticket, this.keys, {
        algorithms: [TICKET_ALGORITHM],
        issuer: this.options.issuer,
        audience: this.options.audience,
        clockTolerance: this.options.clockToleranceSeconds,
        requiredClaims: REQUIRED_CLAIMS,
      }));
    } catch (error) {
      if (
        error instanceof errors.JWKSTimeout ||
        error instanceof errors.JWKSInvalid
      ) {
        throw new KeySetUnavailableError('the ticket key set is unavailable');
      }
      if (error instanceof errors.JOSEError)
        throw new TicketRejectedError(describe(error));
      if (isFetchFailure(error)) {
        throw new KeySetUnavailableError('the ticket key set is unavailable');
      }
      throw new TicketRejectedError('the ticket is malformed');
    }
    for (const claim of ['sub', 'sid', 'puid', 'jti']) {
      if (typeof payload[claim] !== 'string' || payload[claim] === '') {
        throw new TicketRejectedError(`the ticket's ${claim} claim is missing`);
      }
    }
    if (payload.sid !== sessionId) {
      throw new TicketRejectedError('the ticket is for another session');
    }
    return payload as unknown as SessionTicketClaims;
  }
}

function isFetchFailure(error: unknown): boolean {
  return error instanceof TypeError && /fetch/i.test(error.message);
}

/** A short reason from jose's error codes; never the token or its claims' values. */
function describe(error: InstanceType<typeof errors.JOSEError>): string {
  switch (error.code) {
    case 'ERR_JWT_EXPIRED':
      return 'the ticket has expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return `the ticket's ${
        (error as any).claim ?? 'claims'
      } claim is not accepted`;
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return "the ticket's signing key is unknown";
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return "the ticket's algorithm is not allowed";
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return "the ticket's signature is not valid";
    default:
      return 'the ticket is not valid';
  }
}
