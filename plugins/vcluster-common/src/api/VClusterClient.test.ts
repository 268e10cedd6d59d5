/**
 * @jest-environment node
 */
import { ResponseError } from '@backstage/errors';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { VClusterClient } from './VClusterClient';

interface Seen {
  method?: string;
  url?: string;
  authorization?: string;
  contentType?: string;
  body: string;
}

type Reply = {
  status: number;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
};

const cluster = {
  name: 'dev',
  cluster: 'local',
  namespace: 'vcluster-dev',
  owner: 'user:default/jane',
  size: 'small',
  phase: 'Provisioning',
  createdAt: '2026-01-01T00:00:00.000Z',
  expiresAt: '2026-01-02T00:00:00.000Z',
  entityRef: 'resource:default/vcluster-dev',
};

/** A real HTTP server standing in for `/api/vcluster`; `reply` decides each answer. */
describe('VClusterClient', () => {
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
        const { status, body, raw, headers } = reply(req);
        res.writeHead(status, {
          'content-type': 'application/json; charset=utf-8',
          ...headers,
        });
        res.end(raw ?? (body === undefined ? '' : JSON.stringify(body)));
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}/api`;
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  beforeEach(() => {
    seen = [];
    reply = () => ({ status: 200, body: { items: [], totalCount: 0 } });
  });

  const client = () =>
    new VClusterClient({
      discoveryApi: { getBaseUrl: async id => `${baseUrl}/${id}` },
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

  it('lists with filters and cursor in the query, leaving out unset ones', async () => {
    reply = () => ({
      status: 200,
      body: { items: [cluster], nextCursor: 'abc', totalCount: 7 },
    });
    const page = await client().list({
      owner: 'group:default/team-a',
      phase: 'Ready',
      limit: 1,
      cursor: 'xyz',
      cluster: undefined,
    });
    expect(page).toEqual({
      items: [cluster],
      nextCursor: 'abc',
      totalCount: 7,
    });
    expect(seen[0]).toMatchObject({
      method: 'GET',
      url: '/api/vcluster/clusters?owner=group%3Adefault%2Fteam-a&phase=Ready&limit=1&cursor=xyz',
      authorization: 'Bearer user-token',
    });
  });

  it('creates with a JSON body and returns the Provisioning vCluster', async () => {
    reply = () => ({ status: 202, body: cluster });
    await expect(
      client().create({ name: 'dev', size: 'small', ttlHours: 8 }),
    ).resolves.toEqual(cluster);
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/api/vcluster/clusters',
      contentType: 'application/json',
    });
    expect(JSON.parse(seen[0].body)).toEqual({
      name: 'dev',
      size: 'small',
      ttlHours: 8,
    });
  });

  it('addresses one vCluster for get, delete, sleep, wake and TTL', async () => {
    reply = req =>
      req.method === 'GET' || req.url?.endsWith('/ttl')
        ? { status: 200, body: cluster }
        : { status: 202, body: cluster };
    const c = client();
    await c.get('dev');
    await c.delete('dev');
    await c.sleep('dev');
    await c.wake('dev');
    await c.extendTtl('dev', 24);
    expect(seen.map(s => `${s.method} ${s.url}`)).toEqual([
      'GET /api/vcluster/clusters/dev',
      'DELETE /api/vcluster/clusters/dev',
      'POST /api/vcluster/clusters/dev/sleep',
      'POST /api/vcluster/clusters/dev/wake',
      'POST /api/vcluster/clusters/dev/ttl',
    ]);
    expect(JSON.parse(seen[4].body)).toEqual({ ttlHours: 24 });
  });

  it('downloads the kubeconfig as text and builds its URL', async () => {
    const yaml = 'apiVersion: v1\nkind: Config\n';
    reply = () => ({
      status: 200,
      raw: yaml,
      headers: { 'content-type': 'application/yaml' },
    });
    await expect(client().downloadKubeconfig('dev')).resolves.toBe(yaml);
    await expect(client().kubeconfigUrl('dev')).resolves.toBe(
      `${baseUrl}/vcluster/clusters/dev/kubeconfig`,
    );
  });

  it('reads the dialog config, the audit log and usage', async () => {
    reply = req => ({ status: 200, body: { path: req.url } });
    await expect(client().getConfig()).resolves.toEqual({
      path: '/api/vcluster/config',
    });
    await expect(
      client().listAudit({ cluster: 'dev', limit: 5 }),
    ).resolves.toEqual({ path: '/api/vcluster/audit?cluster=dev&limit=5' });
    await expect(client().getUsage()).resolves.toEqual({
      path: '/api/vcluster/usage',
    });
  });

  it("throws ResponseError with the backend's message and status", async () => {
    reply = () => ({
      status: 429,
      body: {
        error: {
          name: 'QuotaExceededError',
          message: 'user:default/jane has 3 vClusters; quota perUser is 3',
        },
      },
    });
    const error = await client()
      .create({ name: 'dev', size: 'small' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(429);
    expect(error.cause.message).toBe(
      'user:default/jane has 3 vClusters; quota perUser is 3',
    );
  });

  it('throws ResponseError for a 409 on a kubeconfig that is not ready', async () => {
    reply = () => ({
      status: 409,
      body: {
        error: { name: 'ConflictError', message: 'dev is Provisioning' },
        response: { statusCode: 409 },
      },
    });
    const error = await client()
      .downloadKubeconfig('dev')
      .catch(e => e);
    expect(error.name).toBe('ResponseError');
    expect(error.cause.name).toBe('ConflictError');
  });
});
