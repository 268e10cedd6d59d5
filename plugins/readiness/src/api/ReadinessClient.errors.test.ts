/**
 * @jest-environment node
 */
import { ResponseError } from '@backstage/errors';
import { useReadinessTestServer } from '../__testUtils__/readinessTestServer';
import { describeError } from './responseError';

describe("ReadinessClient: the backend's errors", () => {
  const http = useReadinessTestServer();

  it('maps a bare {error:{message}} body to a ResponseError carrying the message', async () => {
    http.reply = () => ({
      status: 400,
      body: { error: { message: 'expiresAt must be in the future' } },
    });
    const error = await http
      .client()
      .createExemption({
        checkIds: ['x'],
        match: {},
        reason: 'r',
        expiresAt: '2000-01-01',
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(400);
    expect(error.cause.message).toBe('expiresAt must be in the future');
    expect(describeError(error)).toBe(
      'expiresAt must be in the future (HTTP 400)',
    );
  });

  it("maps Backstage's error middleware body and a non-JSON failure", async () => {
    http.reply = () => ({
      status: 403,
      body: {
        error: {
          name: 'NotAllowedError',
          message: 'Not allowed to delete exemptions',
        },
        request: { method: 'DELETE', url: '/exemptions/ex-1' },
        response: { statusCode: 403 },
      },
    });
    const denied = await http
      .client()
      .deleteExemption('ex-1')
      .catch(e => e);
    expect(denied.cause).toMatchObject({
      name: 'NotAllowedError',
      message: 'Not allowed to delete exemptions',
    });

    http.reply = () => ({
      status: 502,
      raw: 'upstream down',
      type: 'text/plain',
    });
    const broken = await http
      .client()
      .getClusters()
      .catch(e => e);
    expect(broken).toBeInstanceOf(ResponseError);
    expect(describeError(broken)).toContain('upstream down');
  });
});
