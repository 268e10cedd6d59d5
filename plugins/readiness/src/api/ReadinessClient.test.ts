/**
 * @jest-environment node
 */
import { ResponseError } from '@backstage/errors';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ReadinessClient } from './ReadinessClient';
import { describeError } from './responseError';

interface Seen {
  method?: string;
  url?: string;
  authorization?: string;
  contentType?: string;
  body: string;
}

type Reply = { status: number; body?: unknown; raw?: string; type?: string };

/** A real HTTP server standing in for `/api/readiness`; `reply` decides each answer. */
describe('ReadinessClient', () => {
  let server: Server;
  let baseUrl: string;
  let seen: Seen[];
  let reply: (req: IncomingMessage) => Reply;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', c => chunks.push(c));
      req.on('end', () => {
        seen.push({
          method: req.method,
          url: req.url,
          authorization: req.headers.authorization,
          contentType: req.headers['content-type'],
          body: Buffer.concat(chunks).toString('utf8'),
        });
        const { status, body, raw, type } = reply(req);
        res.statusCode = status;
        if (status === 204) {
          res.end();
          return;
        }
        res.setHeader(
          'content-type',
          type ?? 'application/json; charset=utf-8',
        );
        res.end(raw ?? JSON.stringify(body));
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}/api/readiness`;
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  beforeEach(() => {
    seen = [];
    reply = () => ({ status: 200, body: { items: [] } });
  });

  const client = () =>
    new ReadinessClient({
      discoveryApi: {
        getBaseUrl: async (id: string) => `${baseUrl.replace('readiness', id)}`,
      },
      // The app's fetch API adds the user's token; so does this one, to see it arrive.
      fetchApi: {
        fetch: (input, init) =>
          fetch(input, {
            ...init,
            headers: {
              ...(init?.headers as object),
              authorization: 'Bearer user-token',
            },
          }),
      },
    });

  it('reads clusters from the discovered base URL with the caller credentials', async () => {
    reply = () => ({
      status: 200,
      body: { items: [{ name: 'prod', title: 'Production' }] },
    });
    await expect(client().getClusters()).resolves.toEqual([
      { name: 'prod', title: 'Production' },
    ]);
    expect(seen).toEqual([
      expect.objectContaining({
        method: 'GET',
        url: '/api/readiness/clusters',
        authorization: 'Bearer user-token',
      }),
    ]);
  });

  it('sends the summary scope and trend window, leaving out unset filters', async () => {
    reply = () => ({
      status: 200,
      body: { filters: {}, score: { score: 90 } },
    });
    await client().getSummary(
      { cluster: 'prod', namespace: '', owner: 'group:default/team-a' },
      { days: 90 },
    );
    expect(seen[0].url).toBe(
      '/api/readiness/summary?cluster=prod&owner=group%3Adefault%2Fteam-a&days=90',
    );
  });

  it('pages and filters findings through the query string', async () => {
    reply = () => ({
      status: 200,
      body: {
        items: [{ checkId: 'run-as-non-root' }],
        totalCount: 41,
        limit: 25,
        offset: 25,
      },
    });
    const page = await client().getFindings({
      cluster: 'prod',
      severity: 'danger',
      category: 'security',
      check: 'run-as-non-root',
      status: 'failed',
      limit: 25,
      offset: 25,
    });
    expect(page.totalCount).toBe(41);
    expect(page.items).toHaveLength(1);
    const url = new URL(seen[0].url!, 'http://x');
    expect(url.pathname).toBe('/api/readiness/findings');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      cluster: 'prod',
      severity: 'danger',
      category: 'security',
      check: 'run-as-non-root',
      status: 'failed',
      limit: '25',
      offset: '25',
    });
  });

  it('addresses an entity by kind, namespace and name, and reads a 404 as unknown', async () => {
    reply = req =>
      req.url?.includes('/entities/component/default/web%20api')
        ? { status: 200, body: { entityRef: 'component:default/web api' } }
        : {
            status: 404,
            body: {
              error: { name: 'NotFoundError', message: 'no such entity' },
            },
          };
    await expect(
      client().getEntityReadiness(
        { kind: 'Component', namespace: 'default', name: 'web api' },
        { days: 30 },
      ),
    ).resolves.toEqual({ entityRef: 'component:default/web api' });
    expect(seen[0].url).toBe(
      '/api/readiness/entities/component/default/web%20api?days=30',
    );
    await expect(
      client().getEntityReadiness({
        kind: 'Component',
        namespace: 'default',
        name: 'gone',
      }),
    ).resolves.toBeUndefined();
  });

  it("reads a cluster's platform board with its history window", async () => {
    const board = {
      cluster: 'prod eu',
      configured: true,
      readyPercent: 80,
      components: [{ name: 'cert-manager', health: 'Healthy' }],
      history: [],
      days: 90,
    };
    reply = () => ({ status: 200, body: board });
    await expect(
      client().getPlatform('prod eu', { days: 90 }),
    ).resolves.toEqual(board);
    expect(seen[0]).toMatchObject({
      method: 'GET',
      url: '/api/readiness/platform?cluster=prod+eu&days=90',
      authorization: 'Bearer user-token',
    });

    await client().getPlatform('prod');
    expect(seen[1].url).toBe('/api/readiness/platform?cluster=prod');
  });

  it("rejects with the backend's message when the platform board fails", async () => {
    reply = () => ({
      status: 404,
      body: {
        error: { name: 'NotFoundError', message: 'No cluster named dev' },
        request: { method: 'GET', url: '/platform?cluster=dev' },
        response: { statusCode: 404 },
      },
    });
    const error = await client()
      .getPlatform('dev')
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(describeError(error)).toBe('No cluster named dev (HTTP 404)');
  });

  it('reads the platform components an entity maps to, and none from a backend without the route', async () => {
    const items = [
      { name: 'cert-manager', cluster: 'prod', health: 'Degraded' },
    ];
    reply = req =>
      req.url?.startsWith('/api/readiness/platform/entities/')
        ? {
            status: 200,
            body: { entityRef: 'component:platform/cert manager', items },
          }
        : { status: 404, body: { error: { message: 'not found' } } };
    await expect(
      client().getEntityPlatform({
        kind: 'Component',
        namespace: 'platform',
        name: 'cert manager',
      }),
    ).resolves.toEqual({ entityRef: 'component:platform/cert manager', items });
    expect(seen[0]).toMatchObject({
      method: 'GET',
      url: '/api/readiness/platform/entities/component/platform/cert%20manager',
      authorization: 'Bearer user-token',
    });

    reply = () => ({ status: 404, body: { error: { message: 'Not found' } } });
    await expect(
      client().getEntityPlatform({
        kind: 'Component',
        namespace: 'default',
        name: 'web-api',
      }),
    ).resolves.toEqual({ entityRef: 'component:default/web-api', items: [] });

    reply = () => ({ status: 500, body: { error: { message: 'db down' } } });
    const error = await client()
      .getEntityPlatform({ kind: 'Component', namespace: 'default', name: 'x' })
      .catch(e => e);
    expect(describeError(error)).toBe('db down (HTTP 500)');
  });

  it('posts an exemption as JSON and returns the stored exemption', async () => {
    reply = () => ({
      status: 201,
      body: { exemption: { id: 'ex-9' }, audit: [] },
    });
    const request = {
      checkIds: ['run-as-non-root'],
      match: { cluster: 'prod', namespace: 'shop' },
      reason: 'Vendor image',
      expiresAt: '2031-01-01T00:00:00.000Z',
    };
    await expect(client().createExemption(request)).resolves.toEqual({
      id: 'ex-9',
    });
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/api/readiness/exemptions',
      contentType: 'application/json',
    });
    expect(JSON.parse(seen[0].body)).toEqual(request);
  });

  it('deletes an exemption by its encoded id', async () => {
    reply = () => ({ status: 204 });
    await client().deleteExemption('ex/1');
    expect(seen[0]).toMatchObject({
      method: 'DELETE',
      url: '/api/readiness/exemptions/ex%2F1',
    });
  });

  it('maps a bare {error:{message}} body to a ResponseError carrying the message', async () => {
    reply = () => ({
      status: 400,
      body: { error: { message: 'expiresAt must be in the future' } },
    });
    const error = await client()
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
    reply = () => ({
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
    const denied = await client()
      .deleteExemption('ex-1')
      .catch(e => e);
    expect(denied.cause).toMatchObject({
      name: 'NotAllowedError',
      message: 'Not allowed to delete exemptions',
    });

    reply = () => ({ status: 502, raw: 'upstream down', type: 'text/plain' });
    const broken = await client()
      .getClusters()
      .catch(e => e);
    expect(broken).toBeInstanceOf(ResponseError);
    expect(describeError(broken)).toContain('upstream down');
  });

  it('builds export links from the discovery URL and downloads with credentials', async () => {
    const url = await client().getExportUrl('sarif', {
      cluster: 'prod',
      severity: 'danger',
    });
    expect(url).toBe(
      `${baseUrl}/export?format=sarif&cluster=prod&severity=danger`,
    );

    reply = () => ({ status: 200, raw: 'check,resource\n', type: 'text/csv' });
    const blob = await client().downloadExport('csv', {
      owner: 'group:default/team-a',
    });
    await expect(blob.text()).resolves.toBe('check,resource\n');
    expect(seen[0]).toMatchObject({
      url: '/api/readiness/export?format=csv&owner=group%3Adefault%2Fteam-a',
      authorization: 'Bearer user-token',
    });
  });

  it('reads the Pod Security view with its filters, and its exports with credentials', async () => {
    const legacy = {
      cluster: 'prod',
      namespace: 'legacy',
      possibleLevel: 'privileged',
    };
    reply = req =>
      req.url?.startsWith('/api/readiness/pod-security/export')
        ? { status: 200, raw: 'cluster,namespace\r\n', type: 'text/csv' }
        : {
            status: 200,
            body: { filters: { cluster: 'prod' }, items: [legacy] },
          };
    await expect(
      client().getPodSecurity({ cluster: 'prod', owner: '' }),
    ).resolves.toEqual({ filters: { cluster: 'prod' }, items: [legacy] });
    expect(seen[0]).toMatchObject({
      url: '/api/readiness/pod-security?cluster=prod',
      authorization: 'Bearer user-token',
    });
    await expect(
      client().getPodSecurityExportUrl('csv', { owner: 'group:default/a' }),
    ).resolves.toBe(
      `${baseUrl}/pod-security/export?format=csv&owner=group%3Adefault%2Fa`,
    );
    const blob = await client().downloadPodSecurityExport('csv', {});
    expect(await blob.text()).toBe('cluster,namespace\r\n');
    expect(seen[1]).toMatchObject({
      url: '/api/readiness/pod-security/export?format=csv',
      authorization: 'Bearer user-token',
    });
  });

  it("rejects with the backend's message when the Pod Security view fails", async () => {
    reply = () => ({
      status: 400,
      body: {
        error: { name: 'InputError', message: 'Invalid pod security query' },
        response: { statusCode: 400 },
      },
    });
    const error = await client()
      .getPodSecurity({ owner: 'x' })
      .catch(e => e);
    expect(describeError(error)).toBe('Invalid pod security query (HTTP 400)');
  });
});
