import { IncomingMessage } from 'node:http';
import { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import { TTYD_SUBPROTOCOL } from '@hatchway/plugin-terminal-common';
import { acceptKey } from '../wire/frames';

/** A refusal before the upgrade: an HTTP status and a reason for the response body and logs. */
export interface UpgradeRefusal {
  status: number;
  reason: string;
  headers?: Record<string, string>;
}

/** What a valid upgrade request asks for. */
export interface SessionUpgrade {
  sessionId: string;
  key: string;
}

const SESSION_PATH = /^\/sessions\/([A-Za-z0-9._~-]{1,64})$/;

function offersTty(header: string | undefined): boolean {
  return (header ?? '')
    .split(',')
    .map(p => p.trim())
    .includes(TTYD_SUBPROTOCOL);
}

/**
 * Checks what can be checked before the upgrade, cheapest first: path, WebSocket headers, the
 * `tty` subprotocol, and the Origin against the allowlist (a browser always sends Origin, so a
 * page on another site cannot open a shell with the user's cookies or tickets).
 * A query string is refused outright: tickets travel only in the first message, and a URL ends
 * up in access logs and browser history.
 */
export function checkUpgradeRequest(
  req: IncomingMessage,
  allowedOrigins: string[],
): SessionUpgrade | UpgradeRefusal {
  const url = req.url ?? '';
  const [path, query] = url.split('?', 2);
  const match = SESSION_PATH.exec(path);
  if (!match) return { status: 404, reason: 'no such endpoint' };
  if (query !== undefined) {
    return {
      status: 400,
      reason: 'the session URL takes no query; send the ticket as AuthToken',
    };
  }
  const key = req.headers['sec-websocket-key'];
  if (
    req.method !== 'GET' ||
    (req.headers.upgrade ?? '').toLowerCase() !== 'websocket' ||
    req.headers['sec-websocket-version'] !== '13' ||
    typeof key !== 'string' ||
    Buffer.from(key, 'base64').length !== 16
  ) {
    return { status: 400, reason: 'not a WebSocket upgrade' };
  }
  if (!offersTty(req.headers['sec-websocket-protocol'])) {
    return { status: 400, reason: 'the "tty" subprotocol is required' };
  }
  const origin = req.headers.origin;
  if (
    !allowedOrigins.includes('*') &&
    (!origin || !allowedOrigins.includes(origin))
  ) {
    return { status: 403, reason: 'origin not allowed' };
  }
  return { sessionId: match[1], key };
}

/** Answers the upgrade with an HTTP error and closes the socket. */
export function refuseUpgrade(socket: Duplex, refusal: UpgradeRefusal): void {
  const body = `${refusal.reason}\n`;
  const headers = {
    Connection: 'close',
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    ...refusal.headers,
  };
  const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}`);
  socket.end(
    `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}\r\n${lines.join(
      '\r\n',
    )}\r\n\r\n${body}`,
  );
}

/**
 * Completes the upgrade by hand (no extensions: permessage-deflate is never negotiated), so both
 * legs carry plain frames that can be spliced.
 */
export function acceptUpgrade(socket: Duplex, key: string): void {
  socket.write(
    'HTTP/1.1 101 Switching Protocols\r\n' +
      'Upgrade: websocket\r\nConnection: Upgrade\r\n' +
      `Sec-WebSocket-Accept: ${acceptKey(key)}\r\n` +
      `Sec-WebSocket-Protocol: ${TTYD_SUBPROTOCOL}\r\n\r\n`,
  );
}

/** The client's address, from X-Forwarded-For's last hop when the gateway sits behind a proxy. */
export function sourceAddress(
  req: IncomingMessage,
  trustForwardedFor: boolean,
): string {
  const forwarded = req.headers['x-forwarded-for'];
  if (trustForwardedFor && typeof forwarded === 'string' && forwarded.trim()) {
    const hops = forwarded.split(',');
    return hops[hops.length - 1].trim();
  }
  return req.socket.remoteAddress ?? 'unknown';
}
