/**
 * @jest-environment node
 */
import { useReadinessTestServer } from '../__testUtils__/readinessTestServer';

describe('ReadinessClient: exemptions', () => {
  const http = useReadinessTestServer();

  it('posts an exemption as JSON and returns the stored exemption', async () => {
    http.reply = () => ({
      status: 201,
      body: { exemption: { id: 'ex-9' }, audit: [] },
    });
    const request = {
      checkIds: ['run-as-non-root'],
      match: { cluster: 'prod', namespace: 'shop' },
      reason: 'Vendor image',
      expiresAt: '2031-01-01T00:00:00.000Z',
    };
    await expect(http.client().createExemption(request)).resolves.toEqual({
      id: 'ex-9',
    });
    expect(http.seen[0]).toMatchObject({
      method: 'POST',
      url: '/api/readiness/exemptions',
      contentType: 'application/json',
    });
    expect(JSON.parse(http.seen[0].body)).toEqual(request);
  });

  it('deletes an exemption by its encoded id', async () => {
    http.reply = () => ({ status: 204 });
    await http.client().deleteExemption('ex/1');
    expect(http.seen[0]).toMatchObject({
      method: 'DELETE',
      url: '/api/readiness/exemptions/ex%2F1',
    });
  });
});
