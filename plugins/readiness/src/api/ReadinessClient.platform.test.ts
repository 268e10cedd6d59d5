/**
 * @jest-environment node
 */
import { ResponseError } from '@backstage/errors';
import { useReadinessTestServer } from '../__testUtils__/readinessTestServer';
import { describeError } from './responseError';

describe('ReadinessClient: the platform board', () => {
  const http = useReadinessTestServer();

  it("reads a cluster's platform board with its history window", async () => {
    const board = {
      cluster: 'prod eu',
      configured: true,
      readyPercent: 80,
      components: [{ name: 'cert-manager', health: 'Healthy' }],
      history: [],
      days: 90,
    };
    http.reply = () => ({ status: 200, body: board });
    await expect(
      http.client().getPlatform('prod eu', { days: 90 }),
    ).resolves.toEqual(board);
    expect(http.seen[0]).toMatchObject({
      method: 'GET',
      url: '/api/readiness/platform?cluster=prod+eu&days=90',
      authorization: 'Bearer user-token',
    });

    await http.client().getPlatform('prod');
    expect(http.seen[1].url).toBe('/api/readiness/platform?cluster=prod');
  });

  it("rejects with the backend's message when the platform board fails", async () => {
    http.reply = () => ({
      status: 404,
      body: {
        error: { name: 'NotFoundError', message: 'No cluster named dev' },
        request: { method: 'GET', url: '/platform?cluster=dev' },
        response: { statusCode: 404 },
      },
    });
    const error = await http
      .client()
      .getPlatform('dev')
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(describeError(error)).toBe('No cluster named dev (HTTP 404)');
  });

  it('reads the platform components an entity maps to, and none from a backend without the route', async () => {
    const items = [
      { name: 'cert-manager', cluster: 'prod', health: 'Degraded' },
    ];
    http.reply = req =>
      req.url?.startsWith('/api/readiness/platform/entities/')
        ? {
            status: 200,
            body: { entityRef: 'component:platform/cert manager', items },
          }
        : { status: 404, body: { error: { message: 'not found' } } };
    await expect(
      http.client().getEntityPlatform({
        kind: 'Component',
        namespace: 'platform',
        name: 'cert manager',
      }),
    ).resolves.toEqual({ entityRef: 'component:platform/cert manager', items });
    expect(http.seen[0]).toMatchObject({
      method: 'GET',
      url: '/api/readiness/platform/entities/component/platform/cert%20manager',
      authorization: 'Bearer user-token',
    });

    http.reply = () => ({
      status: 404,
      body: { error: { message: 'Not found' } },
    });
    await expect(
      http.client().getEntityPlatform({
        kind: 'Component',
        namespace: 'default',
        name: 'web-api',
      }),
    ).resolves.toEqual({ entityRef: 'component:default/web-api', items: [] });

    http.reply = () => ({
      status: 500,
      body: { error: { message: 'db down' } },
    });
    const error = await http
      .client()
      .getEntityPlatform({ kind: 'Component', namespace: 'default', name: 'x' })
      .catch(e => e);
    expect(describeError(error)).toBe('db down (HTTP 500)');
  });
});
