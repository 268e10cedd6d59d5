import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { TICKET_ALGORITHM } from '@hatchway/plugin-terminal-common';
import { SigningKeys } from './SigningKeys';

/** What a ticket is issued for. */
export interface TicketSubject {
  owner: string;
  sessionId: string;
  podUid: string;
}

/** Signs one-time session tickets (RS256, claims per `SessionTicketClaims`). */
export class SessionTicketIssuer {
  constructor(
    private readonly keys: SigningKeys,
    private readonly options: {
      issuer: string;
      audience: string;
      ttlSeconds: number;
      clock?: () => Date;
    },
  ) {}

  async issue(
    subject: TicketSubject,
  ): Promise<{ ticket: string; expiresAt: Date }> {
    const now = Math.floor(
      (this.options.clock?.() ?? new Date()).getTime() / 1000,
    );
    const exp = now + this.options.ttlSeconds;
    const { kid, key } = this.keys.current;
    const ticket = await new SignJWT({
      sid: subject.sessionId,
      puid: subject.podUid,
    })
      .setProtectedHeader({ alg: TICKET_ALGORITHM, kid, typ: 'JWT' })
      .setIssuer(this.options.issuer)
      .setAudience(this.options.audience)
      .setSubject(subject.owner)
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(exp)
      .sign(key);
    return { ticket, expiresAt: new Date(exp * 1000) };
  }
}
