import { FORGED_TICKETS } from '../__testUtils__/forgedTickets';
import { TestTicketIssuer } from '../__testUtils__/ticketIssuer';
import { TicketRejectedError, TicketVerifier } from './TicketVerifier';

describe('TicketVerifier', () => {
  let issuer: TestTicketIssuer;
  let verifier: TicketVerifier;
  const ticket = { sid: 's-1', sub: 'user:default/jane', puid: 'pod-1' };

  beforeAll(async () => {
    issuer = await TestTicketIssuer.start();
    verifier = new TicketVerifier({
      jwksUrl: issuer.jwksUrl,
      issuer: 'hatchway-terminal',
      audience: 'hatchway-gateway',
      clockToleranceSeconds: 5,
    });
  });
  afterAll(() => issuer.close());

  const verdict = (token: string) =>
    verifier.verify(token, 's-1').then(
      () => 'accepted',
      error =>
        error instanceof TicketRejectedError
          ? error.message
          : `crashed: ${error}`,
    );

  it('accepts a ticket the backend signed for this session', async () => {
    const claims = await verifier.verify(await issuer.sign(ticket), 's-1');
    expect(claims).toMatchObject({
      sub: 'user:default/jane',
      sid: 's-1',
      puid: 'pod-1',
    });
  });

  it('accepts a ticket that expired within the clock tolerance', async () => {
    expect(
      await verdict(await issuer.sign({ ...ticket, expiresInSeconds: -2 })),
    ).toBe('accepted');
  });

  it.each(FORGED_TICKETS.map(f => [f.name, f] as const))(
    'refuses %s',
    async (_name, forged) => {
      expect(await verdict(await forged.make(issuer, ticket))).toMatch(
        forged.reason,
      );
    },
  );
});
