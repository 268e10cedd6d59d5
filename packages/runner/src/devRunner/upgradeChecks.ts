import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import {
  TTYD_SUBPROTOCOL,
  TTYD_WS_PATH,
  ttydAuthToken,
} from '@hatchway/plugin-terminal-common';

/**
 * ttyd compares the request path with its endpoint as a prefix of the endpoint, so `/ws` and `/`
 * pass while `/ws/x` does not (a proxy must rewrite the upstream path to exactly `/ws`).
 */
export function isTtydWsPath(url: string | undefined): boolean {
  const pathname = new URL(url ?? '/', 'http://runner').pathname;
  return TTYD_WS_PATH.startsWith(pathname);
}

/** Whether the client asked for ttyd's `tty` subprotocol (without it ttyd stays silent). */
export function requestsTtySubprotocol(req: IncomingMessage): boolean {
  const header = req.headers['sec-websocket-protocol'];
  if (!header) return false;
  return header
    .split(',')
    .map(p => p.trim())
    .includes(TTYD_SUBPROTOCOL);
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Checks ttyd's `-c user:password` credential: the `Authorization: Basic` header of a request
 * and the `AuthToken` of the first message both carry base64(user:password).
 */
export class TtydCredentialCheck {
  private readonly token: string | undefined;

  constructor(credential: string | undefined) {
    this.token = credential ? ttydAuthToken(credential) : undefined;
  }

  /** Whether a credential is configured at all. */
  get required(): boolean {
    return this.token !== undefined;
  }

  /** The base64 token (ttyd's `/token` endpoint hands it to an already authenticated client). */
  get authToken(): string {
    return this.token ?? '';
  }

  /** Whether the request carries the right `Authorization: Basic` header (or none is needed). */
  acceptsHeader(req: IncomingMessage): boolean {
    if (!this.token) return true;
    const header = req.headers.authorization ?? '';
    const match = /^Basic\s+(\S+)\s*$/i.exec(header);
    return match !== null && sameSecret(match[1], this.token);
  }

  /** Whether the first message's `AuthToken` is right (or none is needed). */
  acceptsAuthToken(authToken: string | undefined): boolean {
    if (!this.token) return true;
    return authToken !== undefined && sameSecret(authToken, this.token);
  }
}
