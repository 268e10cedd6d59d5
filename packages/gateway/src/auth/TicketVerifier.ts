import { KeyObject, verify as verifySignature, webcrypto } from 'node:crypto';
import {
  CompactJWSHeaderParameters,
  createRemoteJWKSet,
  errors,
  JWTVerifyGetKey,
} from 'jose';
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

/** RS256 keys shorter than this are refused, as jose refuses them. */
const MIN_RSA_BITS = 2048;

/** A ticket split into its parts, before its signature is checked. */
interface DecodedTicket {
  header: { alg?: unknown; kid?: unknown; crit?: unknown };
  signingInput: Buffer;
  signature: Buffer;
  payloadPart: string;
}

function decodeTicket(ticket: string): DecodedTicket {
  const first = ticket.indexOf('.');
  const second = ticket.indexOf('.', first + 1);
  if (
    first <= 0 ||
    second <= first + 1 ||
    second === ticket.length - 1 ||
    ticket.indexOf('.', second + 1) !== -1
  ) {
    throw new TicketRejectedError('the ticket is malformed');
  }
  const header = parseJsonPart(ticket.slice(0, first));
  if (!header) throw new TicketRejectedError('the ticket is malformed');
  return {
    header,
    signingInput: Buffer.from(ticket.slice(0, second), 'latin1'),
    signature: Buffer.from(ticket.slice(second + 1), 'base64url'),
    payloadPart: ticket.slice(first + 1, second),
  };
}

/** A base64url JSON object, or undefined when the part is anything else. */
function parseJsonPart(part: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? value
      : undefined;
  } catch {
    return undefined;
  }
}

const claimRejected = (claim: string) =>
  new TicketRejectedError(`the ticket's ${claim} claim is not accepted`);

/**
 * Verifies session tickets: RS256 only, against the terminal backend's JWKS, issuer, audience,
 * expiry with a small tolerance, and the session id the ticket was issued for.
 *
 * Keys come from jose's remote key set (one per process: it caches the set for ten minutes and
 * refetches on an unknown `kid`, at most every `cooldownDuration`). The signature is checked
 * synchronously by OpenSSL against a `KeyObject` made once per key — a quarter of the CPU of
 * WebCrypto's verify through `jwtVerify`, which matters at a thousand handshakes a second — and
 * the claims the way `jwtVerify` checks them.
 */
export class TicketVerifier {
  private readonly keys: JWTVerifyGetKey;
  /** The KeyObject of each CryptoKey jose hands out (it caches those per JWK). */
  private readonly keyObjects = new WeakMap<object, KeyObject>();

  constructor(
    private readonly options: TicketVerifierOptions,
    private readonly nowSeconds: () => number = () =>
      Math.floor(Date.now() / 1000),
  ) {
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
    const decoded = decodeTicket(ticket);
    // The algorithm is pinned before any key is looked up: no "none", no HMAC with a public key.
    if (decoded.header.alg !== TICKET_ALGORITHM) {
      throw new TicketRejectedError("the ticket's algorithm is not allowed");
    }
    if (decoded.header.crit !== undefined) {
      throw new TicketRejectedError('the ticket is not valid');
    }
    const keys = await this.candidateKeys(decoded);
    if (!keys.some(key => this.signatureMatches(decoded, key))) {
      throw new TicketRejectedError("the ticket's signature is not valid");
    }
    const payload = parseJsonPart(decoded.payloadPart);
    if (!payload) throw new TicketRejectedError('the ticket is malformed');
    this.checkClaims(payload);
    if (payload.sid !== sessionId) {
      throw new TicketRejectedError('the ticket is for another session');
    }
    return payload as unknown as SessionTicketClaims;
  }

  /** The key(s) the ticket's header names, from the key set; key set errors as refusals. */
  private async candidateKeys(decoded: DecodedTicket): Promise<KeyObject[]> {
    const header = decoded.header as CompactJWSHeaderParameters;
    try {
      return [this.keyObject(await this.keys(header, undefined as never))];
    } catch (error) {
      if (error instanceof errors.JWKSMultipleMatchingKeys) {
        const all: KeyObject[] = [];
        for await (const key of error as unknown as AsyncIterable<unknown>) {
          all.push(this.keyObject(key));
        }
        return all;
      }
      if (
        error instanceof errors.JWKSTimeout ||
        error instanceof errors.JWKSInvalid ||
        isFetchFailure(error)
      ) {
        throw new KeySetUnavailableError('the ticket key set is unavailable');
      }
      if (error instanceof errors.JOSEError)
        throw new TicketRejectedError(describe(error));
      throw error;
    }
  }

  private keyObject(key: unknown): KeyObject {
    if (key instanceof KeyObject) return key;
    if (typeof key !== 'object' || key === null || key instanceof Uint8Array) {
      throw new TicketRejectedError("the ticket's signing key is unknown");
    }
    let object = this.keyObjects.get(key);
    if (!object) {
      object = KeyObject.from(key as webcrypto.CryptoKey);
      this.keyObjects.set(key, object);
    }
    return object;
  }

  private signatureMatches(decoded: DecodedTicket, key: KeyObject): boolean {
    if (
      key.type !== 'public' ||
      key.asymmetricKeyType !== 'rsa' ||
      (key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_RSA_BITS
    ) {
      return false;
    }
    return verifySignature(
      'sha256',
      decoded.signingInput,
      key,
      decoded.signature,
    );
  }

  /** The registered claims, as jose's `jwtVerify` checks them with these options. */
  private checkClaims(payload: Record<string, unknown>): void {
    for (const claim of ['sub', 'sid', 'puid', 'jti']) {
      if (typeof payload[claim] !== 'string' || payload[claim] === '') {
        throw new TicketRejectedError(`the ticket's ${claim} claim is missing`);
      }
    }
    const { iss, aud, exp, iat, nbf } = payload;
    if (iss !== this.options.issuer) throw claimRejected('iss');
    const audience = this.options.audience;
    if (
      typeof aud === 'string'
        ? aud !== audience
        : !Array.isArray(aud) || !aud.includes(audience)
    ) {
      throw claimRejected('aud');
    }
    if (typeof iat !== 'number') throw claimRejected('iat');
    if (typeof exp !== 'number') throw claimRejected('exp');
    const now = this.nowSeconds();
    const tolerance = this.options.clockToleranceSeconds;
    if (nbf !== undefined) {
      if (typeof nbf !== 'number') throw claimRejected('nbf');
      if (nbf > now + tolerance) throw claimRejected('nbf');
    }
    if (exp <= now - tolerance) {
      throw new TicketRejectedError('the ticket has expired');
    }
  }
}

function isFetchFailure(error: unknown): boolean {
  return error instanceof TypeError && /fetch/i.test(error.message);
}

/** A short reason from jose's key set errors; never the token or its claims' values. */
function describe(error: InstanceType<typeof errors.JOSEError>): string {
  return error.code === 'ERR_JWKS_NO_MATCHING_KEY'
    ? "the ticket's signing key is unknown"
    : 'the ticket is not valid';
}
