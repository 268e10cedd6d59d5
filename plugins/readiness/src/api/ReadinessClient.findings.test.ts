/**
 * @jest-environment node
 */
import { useReadinessTestServer } from '../__testUtils__/readinessTestServer';

describe('ReadinessClient: clusters, scores, findings and their exports', () => {
  const http = useReadinessTestServer();

  it('reads clusters with their live re-scoring from the discovered base URL with the caller credentials', async () => {
    const prod = {
      name: 'prod',
      title: 'Production',
      liveRescoring: {
        state: 'degraded',
        message: 'Watching Pod failed 5 times in a row (Forbidden)',
        since: '2030-05-01T10:05:00.000Z',
      },
    };
    http.reply = () => ({ status: 200, body: { items: [prod] } });
    await expect(http.client().getClusters()).resolves.toEqual([prod]);
    expect(http.seen).toEqual([
      expect.objectContaining({
        method: 'GET',
        url: '/api/readiness/clusters',
        authorization: 'Bearer user-token',
      }),
    ]);
  });

  it('sends the summary scope and trend window, leaving out unset filters', async () => {
    http.reply = () => ({
      status: 200,
      body: { filters: {}, score: { score: 90 } },
    });
    await http
      .client()
      .getSummary(
        { cluster: 'prod', namespace: '', owner: 'group:default/team-a' },
        { days: 90 },
      );
    expect(http.seen[0].url).toBe(
      '/api/readiness/summary?cluster=prod&owner=group%3Adefault%2Fteam-a&days=90',
    );
  });

  it('pages and filters findings through the query string', async () => {
    http.reply = () => ({
      status: 200,
      body: {
        items: [{ checkId: 'run-as-non-root' }],
        totalCount: 41,
        limit: 25,
        offset: 25,
      },
    });
    const page = await http.client().getFindings({
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
    const url = new URL(http.seen[0].url!, 'http://x');
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
    http.reply = req =>
      req.url?.includes('/entities/component/default/web%20api')
        ? { status: 200, body: { entityRef: 'component:default/web api' } }
        : {
            status: 404,
            body: {
              error: { name: 'NotFoundError', message: 'no such entity' },
            },
          };
    await expect(
      http
        .client()
        .getEntityReadiness(
          { kind: 'Component', namespace: 'default', name: 'web api' },
          { days: 30 },
        ),
    ).resolves.toEqual({ entityRef: 'component:default/web api' });
    expect(http.seen[0].url).toBe(
      '/api/readiness/entities/component/default/web%20api?days=30',
    );
    await expect(
      http.client().getEntityReadiness({
        kind: 'Component',
        namespace: 'default',
        name: 'gone',
      }),
    ).resolves.toBeUndefined();
  });

  it('builds export links from the discovery URL and downloads with credentials', async () => {
    const url = await http.client().getExportUrl('sarif', {
      cluster: 'prod',
      severity: 'danger',
    });
    expect(url).toBe(
      `${http.baseUrl}/export?format=sarif&cluster=prod&severity=danger`,
    );

    http.reply = () => ({
      status: 200,
      raw: 'check,resource\n',
      type: 'text/csv',
    });
    const blob = await http.client().downloadExport('csv', {
      owner: 'group:default/team-a',
    });
    await expect(blob.text()).resolves.toBe('check,resource\n');
    expect(http.seen[0]).toMatchObject({
      url: '/api/readiness/export?format=csv&owner=group%3Adefault%2Fteam-a',
      authorization: 'Bearer user-token',
    });
  });
});
