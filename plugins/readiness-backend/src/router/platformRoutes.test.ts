import {
  clustersConfig,
  denying,
  startReadiness,
} from '../__testUtils__/backend';
import { createTestDatabases } from '../__testUtils__/databases';

jest.setTimeout(60_000);

const databases = createTestDatabases();
// Nothing listens on port 1; these tests never scan.
const config = {
  ...clustersConfig([
    { name: 'dead', url: 'http://127.0.0.1:1' },
    { name: 'bare', url: 'http://127.0.0.1:1' },
  ]),
  readiness: { platform: { dead: ['cert-manager', 'argocd'] } },
};

describe('platform routes', () => {
  let api: Awaited<ReturnType<typeof startReadiness>>;

  beforeAll(async () => {
    api = await startReadiness({
      config,
      knex: await databases.init('SQLITE_3'),
    });
  });
  afterAll(() => api.backend.stop());

  it('answers 400 without a cluster, and for days outside 1..365 or unknown parameters', async () => {
    for (const [query, message] of [
      ['', /^Invalid platform query: cluster: Required/],
      [
        '?cluster=dead&days=0',
        /days: Number must be greater than or equal to 1/,
      ],
      [
        '?cluster=dead&days=366',
        /days: Number must be less than or equal to 365/,
      ],
      ['?cluster=dead&days=week', /days: Expected number, received nan/],
      ['?cluster=dead&days=1.5', /days: Expected integer/],
      [
        '?cluster=dead&namespace=x',
        /Unrecognized key\(s\) in object: 'namespace'/,
      ],
    ] as const) {
      const res = await api.get(`/platform${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(message),
      });
    }
  });

  it('answers 404 for a cluster that is not configured', async () => {
    const res = await api.get('/platform?cluster=nope');
    expect(res.status).toBe(404);
    expect(res.body.error.name).toBe('NotFoundError');
  });

  it('shows a configured board before its first scan, and an unconfigured cluster as such', async () => {
    const configured = await api.get('/platform?cluster=dead&days=365');
    expect(configured.status).toBe(200);
    expect(configured.body).toEqual({
      cluster: 'dead',
      configured: true,
      components: [],
      history: [],
      days: 365,
    });
    const bare = await api.get('/platform?cluster=bare');
    expect(bare.body).toEqual({
      cluster: 'bare',
      configured: false,
      components: [],
      history: [],
      days: 30,
    });
  });

  it('answers an empty list for an entity no component maps to', async () => {
    const res = await api.get('/platform/entities/Component/default/shop-api');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      entityRef: 'component:default/shop-api',
      items: [],
    });
  });
});

describe('platform routes permissions', () => {
  it('answers 403 without readiness.results.read', async () => {
    const api = await startReadiness({
      config,
      permissions: denying('readiness.results.read'),
      knex: await databases.init('SQLITE_3'),
    });
    try {
      for (const path of [
        '/platform?cluster=dead',
        '/platform/entities/component/default/cert-manager',
      ]) {
        const res = await api.get(path);
        expect(res.status).toBe(403);
        expect(res.body.error.name).toBe('NotAllowedError');
      }
    } finally {
      await api.backend.stop();
    }
  });
});
