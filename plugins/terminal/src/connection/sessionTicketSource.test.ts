import { TerminalApiError } from '../api/TerminalApiError';
import { SessionEndedError, sessionTicketSource } from './sessionTicketSource';

const failure = (status: number, message = 'no') =>
  new TerminalApiError({ status, message });

describe('sessionTicketSource', () => {
  const session = (state: string, reason?: string) =>
    ({ id: 's1', state, reason } as any);

  it('asks the backend for a new ticket on every call', async () => {
    let n = 0;
    const api = {
      createTicket: jest.fn(async () => ({
        ticket: `t${++n}`,
        expiresAt: '',
        gatewayUrl: 'ws://gw/sessions/s1',
      })),
      getSession: jest.fn(),
    };
    const next = sessionTicketSource(api, 's1');
    expect((await next()).ticket).toBe('t1');
    expect((await next()).ticket).toBe('t2');
    expect(api.createTicket).toHaveBeenCalledWith('s1');
  });

  it('turns a 409 on an ended session into SessionEndedError with the reason', async () => {
    const api = {
      createTicket: jest.fn().mockRejectedValue(failure(409)),
      getSession: jest.fn().mockResolvedValue(session('Ended', 'idle timeout')),
    };
    const error = await sessionTicketSource(api, 's1')().catch(e => e);
    expect(error).toBeInstanceOf(SessionEndedError);
    expect(error.message).toBe('The session has ended: idle timeout');
  });

  it('keeps a 409 on a starting session retryable', async () => {
    const api = {
      createTicket: jest.fn().mockRejectedValue(failure(409, 'not ready')),
      getSession: jest.fn().mockResolvedValue(session('Starting')),
    };
    const error = await sessionTicketSource(api, 's1')().catch(e => e);
    expect(error).not.toBeInstanceOf(SessionEndedError);
    expect(error.message).toBe('not ready');
  });

  it.each([
    [404, 'The session no longer exists'],
    [403, 'Not allowed: no'],
  ])('stops on %s', async (status, message) => {
    const api = {
      createTicket: jest.fn().mockRejectedValue(failure(status)),
      getSession: jest.fn(),
    };
    const error = await sessionTicketSource(api, 's1')().catch(e => e);
    expect(error).toBeInstanceOf(SessionEndedError);
    expect(error.message).toBe(message);
  });

  it('keeps network failures and 5xx retryable', async () => {
    const api = {
      createTicket: jest.fn().mockRejectedValue(failure(502)),
      getSession: jest.fn(),
    };
    const error = await sessionTicketSource(api, 's1')().catch(e => e);
    expect(error).toBeInstanceOf(TerminalApiError);
  });
});
