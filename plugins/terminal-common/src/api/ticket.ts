/**
 * The claims of a session ticket: an RS256 JWT (header `kid`) the terminal backend signs and the
 * gateway verifies against the backend's JWKS (`/api/terminal/.well-known/jwks.json`).
 * @public
 */
export interface SessionTicketClaims {
  /** The terminal backend's issuer (config `terminal.tickets.issuer`). */
  iss: string;
  /** The gateway (config `terminal.tickets.audience`). */
  aud: string;
  /** The owner's user entity ref. */
  sub: string;
  /** The session id; must equal the id in the gateway path `/sessions/<id>`. */
  sid: string;
  /** The runner pod's UID when the ticket was issued: a replaced pod invalidates the ticket. */
  puid: string;
  /** One-time id, consumed by the gateway. */
  jti: string;
  iat: number;
  exp: number;
}

/** The only algorithm tickets are signed with. @public */
export const TICKET_ALGORITHM = 'RS256';

/** Default lifetime of a ticket, in seconds. @public */
export const DEFAULT_TICKET_TTL_SECONDS = 60;

/** Default issuer and audience of tickets. @public */
export const DEFAULT_TICKET_ISSUER = 'hatchway-terminal';
/** @public */
export const DEFAULT_TICKET_AUDIENCE = 'hatchway-gateway';

/** The gateway's WebSocket path of a session. @public */
export function gatewaySessionPath(sessionId: string): string {
  return `/sessions/${encodeURIComponent(sessionId)}`;
}

/** Close codes the gateway uses for its refusals (private range 4000–4999). @public */
export const GatewayCloseCode = {
  BAD_TICKET: 4401,
  NOT_OWNER: 4403,
  NO_SESSION: 4404,
  PROTOCOL: 4400,
  TICKET_USED: 4409,
  /** The user is over their handshake rate or session cap at the gateway. */
  TOO_MANY: 4429,
  IDLE: 4408,
  NOT_READY: 4503,
  UPSTREAM: 4502,
} as const;
