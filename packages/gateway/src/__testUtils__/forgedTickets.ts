import { createHmac } from 'node:crypto';
import { generateKeyPair } from 'jose';
import { TestTicket, TestTicketIssuer } from './ticketIssuer';

const b64url = (value: unknown) =>
  Buffer.from(JSON.stringify(value)).toString('base64url');

function claimsOf(ticket: TestTicket, extra: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return {
    sid: ticket.sid,
    sub: ticket.sub,
    puid: ticket.puid,
    iss: 'hatchway-terminal',
    aud: 'hatchway-gateway',
    jti: `j-${Math.random()}`,
    iat: now,
    exp: now + 60,
    ...extra,
  };
}

/** A ticket a gateway must refuse, and the words its refusal reason contains. */
export interface ForgedTicket {
  name: string;
  reason: RegExp;
  make(issuer: TestTicketIssuer, ticket: TestTicket): Promise<string>;
}

/** Every way of getting a ticket wrong the gateway's tests go through. */
export const FORGED_TICKETS: ForgedTicket[] = [
  {
    name: 'a signature by another key',
    reason: /signature/,
    make: async (issuer, t) =>
      issuer.sign({ ...t, key: (await generateKeyPair('RS256')).privateKey }),
  },
  {
    name: 'alg none',
    reason: /not valid|algorithm|malformed/,
    make: async (_issuer, t) =>
      `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claimsOf(t))}.`,
  },
  {
    name: 'HS256 signed with the public key',
    reason: /algorithm/,
    make: async (issuer, t) => {
      const signed = `${b64url({
        alg: 'HS256',
        typ: 'JWT',
        kid: 'test-key',
      })}.${b64url(claimsOf(t))}`;
      const mac = createHmac('sha256', JSON.stringify(issuer.publicJwk)).update(
        signed,
      );
      return `${signed}.${mac.digest('base64url')}`;
    },
  },
  {
    name: 'the wrong issuer',
    reason: /iss/,
    make: (i, t) => i.sign({ ...t, iss: 'someone-else' }),
  },
  {
    name: 'the wrong audience',
    reason: /aud/,
    make: (i, t) => i.sign({ ...t, aud: 'another' }),
  },
  {
    name: 'an unknown kid',
    reason: /key is unknown/,
    make: (i, t) => i.sign({ ...t, kid: 'gone' }),
  },
  {
    name: 'an expired ticket',
    reason: /expired/,
    make: (i, t) => i.sign({ ...t, expiresInSeconds: -30 }),
  },
  {
    name: 'a ticket not valid yet',
    reason: /nbf/,
    make: (i, t) => i.sign({ ...t, notBeforeInSeconds: 600 }),
  },
  {
    name: 'a critical header the gateway does not know',
    // Refused for the header, before the signature (which the changed header also breaks).
    reason: /^the ticket is not valid$/,
    make: async (issuer, t) => {
      const [, payload, signature] = (await issuer.sign(t)).split('.');
      const header = b64url({ alg: 'RS256', kid: 'test-key', crit: ['x'] });
      return `${header}.${payload}.${signature}`;
    },
  },
  {
    name: "another session's ticket",
    reason: /another session/,
    make: (i, t) => i.sign({ ...t, sid: `${t.sid}-other` }),
  },
  {
    name: 'tampered claims',
    reason: /signature/,
    make: async (issuer, t) => {
      const [header, , signature] = (await issuer.sign(t)).split('.');
      return `${header}.${b64url(
        claimsOf(t, { sub: 'user:default/admin' }),
      )}.${signature}`;
    },
  },
  {
    name: 'garbage',
    reason: /malformed|not valid/,
    make: async () => 'not-a-jwt',
  },
];
