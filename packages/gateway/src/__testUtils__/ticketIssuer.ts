import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, JWK, SignJWT } from 'jose';
import {
  DEFAULT_TICKET_AUDIENCE,
  DEFAULT_TICKET_ISSUER,
} from '@hatchway/plugin-terminal-common';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/** A ticket's claims for tests; anything left out gets a valid default. */
export interface TestTicket {
  sid: string;
  sub: string;
  puid: string;
  jti?: string;
  iss?: string;
  aud?: string;
  expiresInSeconds?: number;
  /** Sets `nbf` this many seconds from now. */
  notBeforeInSeconds?: number;
  kid?: string;
  key?: PrivateKey;
}

/**
 * Signs tickets the way the terminal backend does (RS256, `kid` header) and serves the public
 * key as a JWKS over real HTTP, the shape of `/api/terminal/.well-known/jwks.json`.
 */
export class TestTicketIssuer {
  private constructor(
    private readonly server: Server,
    readonly jwksUrl: string,
    private readonly key: PrivateKey,
    readonly publicJwk: JWK,
  ) {}

  static async start(): Promise<TestTicketIssuer> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', {
      extractable: true,
    });
    const publicJwk = {
      ...(await exportJWK(publicKey)),
      kid: 'test-key',
      alg: 'RS256',
      use: 'sig',
    };
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ keys: [publicJwk] }));
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new TestTicketIssuer(
      server,
      `http://127.0.0.1:${port}/api/terminal/.well-known/jwks.json`,
      privateKey,
      publicJwk,
    );
  }

  /** A signed ticket. */
  async sign(ticket: TestTicket): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT({ sid: ticket.sid, puid: ticket.puid });
    if (ticket.notBeforeInSeconds !== undefined) {
      jwt.setNotBefore(now + ticket.notBeforeInSeconds);
    }
    return jwt
      .setProtectedHeader({ alg: 'RS256', kid: ticket.kid ?? 'test-key' })
      .setIssuer(ticket.iss ?? DEFAULT_TICKET_ISSUER)
      .setAudience(ticket.aud ?? DEFAULT_TICKET_AUDIENCE)
      .setSubject(ticket.sub)
      .setJti(ticket.jti ?? randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + (ticket.expiresInSeconds ?? 60))
      .sign(ticket.key ?? this.key);
  }

  close(): Promise<void> {
    return new Promise(resolve => this.server.close(() => resolve()));
  }
}
