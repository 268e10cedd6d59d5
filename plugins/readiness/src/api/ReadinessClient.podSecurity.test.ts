/**
 * @jest-environment node
 */
import { useReadinessTestServer } from '../__testUtils__/readinessTestServer';
import { describeError } from './responseError';

describe('ReadinessClient: the Pod Security view', () => {
  const http = useReadinessTestServer();

  it('reads the Pod Security view with its filters, and its exports with credentials', async () => {
    const legacy = {
      cluster: 'prod',
      namespace: 'legacy',
      possibleLevel: 'privileged',
    };
    http.reply = req =>
      req.url?.startsWith('/api/readiness/pod-security/export')
        ? { status: 200, raw: 'cluster,namespace\r\n', type: 'text/csv' }
        : {
            status: 200,
            body: { filters: { cluster: 'prod' }, items: [legacy] },
          };
    await expect(
      http.client().getPodSecurity({ cluster: 'prod', owner: '' }),
    ).resolves.toEqual({ filters: { cluster: 'prod' }, items: [legacy] });
    expect(http.seen[0]).toMatchObject({
      url: '/api/readiness/pod-security?cluster=prod',
      authorization: 'Bearer user-token',
    });
    await expect(
      http
        .client()
        .getPodSecurityExportUrl('csv', { owner: 'group:default/a' }),
    ).resolves.toBe(
      `${http.baseUrl}/pod-security/export?format=csv&owner=group%3Adefault%2Fa`,
    );
    const blob = await http.client().downloadPodSecurityExport('csv', {});
    expect(await blob.text()).toBe('cluster,namespace\r\n');
    expect(http.seen[1]).toMatchObject({
      url: '/api/readiness/pod-security/export?format=csv',
      authorization: 'Bearer user-token',
    });
  });

  it("rejects with the backend's message when the Pod Security view fails", async () => {
    http.reply = () => ({
      status: 400,
      body: {
        error: { name: 'InputError', message: 'Invalid pod security query' },
        response: { statusCode: 400 },
      },
    });
    const error = await http
      .client()
      .getPodSecurity({ owner: 'x' })
      .catch(e => e);
    expect(describeError(error)).toBe('Invalid pod security query (HTTP 400)');
  });
});
