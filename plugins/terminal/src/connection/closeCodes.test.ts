import { GatewayCloseCode } from '@hatchway/plugin-terminal-common';
import { classifyClose } from './closeCodes';

describe('classifyClose', () => {
  it.each([
    1001,
    1006,
    1012,
    GatewayCloseCode.NOT_READY,
    GatewayCloseCode.BAD_TICKET,
    GatewayCloseCode.TICKET_USED,
    GatewayCloseCode.TOO_MANY,
    4999,
  ])('reconnects after %s', code =>
    expect(classifyClose(code).retry).toBe(true),
  );

  it.each([
    1000,
    GatewayCloseCode.NO_SESSION,
    GatewayCloseCode.NOT_OWNER,
    GatewayCloseCode.IDLE,
    GatewayCloseCode.PROTOCOL,
  ])('stops after %s', code => expect(classifyClose(code).retry).toBe(false));

  it('says why the gateway refused a user over its limits', () => {
    expect(classifyClose(GatewayCloseCode.TOO_MANY).reason).toMatch(
      /Too many connections/,
    );
  });

  it("words the reason with the code and the gateway's own reason", () => {
    expect(classifyClose(4401, 'expired').reason).toBe(
      'The gateway refused the ticket (4401: expired)',
    );
    expect(classifyClose(4404).reason).toBe('The session has ended (4404)');
  });
});
