import { mockServices } from '@backstage/backend-test-utils';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SessionTicketIssuer } from './SessionTicketIssuer';
import { SigningKeys } from './SigningKeys';

function pem(type: 'pkcs8' | 'pkcs1' = 'pkcs8'): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return privateKey.export({ type, format: 'pem' }).toString();
}

const options = {
  issuer: 'hatchway-terminal',
  audience: 'hatchway-gateway',
  ttlSeconds: 60,
};
const subject = {
  owner: 'user:default/jane',
  sessionId: 's-1',
  podUid: 'uid-1',
};

describe('SessionTicketIssuer', () => {
  it('signs with the first key and publishes all of them, so a rotation keeps old tickets valid', async () => {
    const logger = mockServices.logger.mock();
    const dir = mkdtempSync(join(tmpdir(), 'keys-'));
    writeFileSync(join(dir, 'old.pem'), pem('pkcs1'));
    const old = SigningKeys.load(
      [{ kid: 'old', privateKeyFile: join(dir, 'old.pem') }],
      logger,
    );
    const oldTicket = (
      await new SessionTicketIssuer(old, options).issue(subject)
    ).ticket;

    const rotated = SigningKeys.load(
      [
        { kid: 'new', privateKey: pem() },
        { kid: 'old', privateKeyFile: join(dir, 'old.pem') },
      ],
      logger,
    );
    const jwks = rotated.jwks();
    expect(jwks.keys.map(k => k.kid)).toEqual(['new', 'old']);
    expect(JSON.stringify(jwks)).not.toMatch(/"d"|"p"|"q"/);
    const { ticket, expiresAt } = await new SessionTicketIssuer(
      rotated,
      options,
    ).issue(subject);
    expect(decodeProtectedHeader(ticket)).toMatchObject({
      alg: 'RS256',
      kid: 'new',
    });

    const keySet = createLocalJWKSet(jwks);
    for (const t of [ticket, oldTicket]) {
      const { payload } = await jwtVerify(t, keySet, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ['RS256'],
      });
      expect(payload).toMatchObject({
        sub: subject.owner,
        sid: 's-1',
        puid: 'uid-1',
      });
      expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
      expect(payload.exp! - payload.iat!).toBe(60);
    }
    expect(expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(60_000);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('generates a key with a warning when none is configured, and gives unique ticket ids', async () => {
    const logger = mockServices.logger.mock();
    const keys = SigningKeys.load([], logger);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('local use only'),
    );
    const issuer = new SessionTicketIssuer(keys, options);
    const a = await issuer.issue(subject);
    const b = await issuer.issue(subject);
    const keySet = createLocalJWKSet(keys.jwks());
    const [pa, pb] = await Promise.all(
      [a, b].map(async t => (await jwtVerify(t.ticket, keySet)).payload),
    );
    expect(pa.jti).not.toEqual(pb.jti);
  });

  it('refuses a ticket signed by a key that is not published, and bad key config', async () => {
    const logger = mockServices.logger.mock();
    const published = SigningKeys.load(
      [{ kid: 'a', privateKey: pem() }],
      logger,
    );
    const other = SigningKeys.load([{ kid: 'a', privateKey: pem() }], logger);
    const { ticket } = await new SessionTicketIssuer(other, options).issue(
      subject,
    );
    await expect(
      jwtVerify(ticket, createLocalJWKSet(published.jwks())),
    ).rejects.toThrow(/signature verification failed/);
    expect(() => SigningKeys.load([{ kid: 'x' }], logger)).toThrow(
      /needs privateKey/,
    );
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() =>
      SigningKeys.load(
        [
          {
            kid: 'ec',
            privateKey: privateKey
              .export({ type: 'pkcs8', format: 'pem' })
              .toString(),
          },
        ],
        logger,
      ),
    ).toThrow(/not RSA/);
  });
});
