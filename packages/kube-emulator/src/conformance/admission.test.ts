import { AdmissionregistrationV1Api } from '@kubernetes/client-node';
import { RunningApiServer } from '../startApiServer';
import { Clients, expectStatus, startTestServer } from './harness';

describe('admissionregistration.k8s.io webhook configurations', () => {
  let server: RunningApiServer;
  let c: Clients;
  let admission: AdmissionregistrationV1Api;
  beforeAll(async () => {
    ({ server, ...c } = await startTestServer());
    admission = c.kc.makeApiClient(AdmissionregistrationV1Api);
  });
  afterAll(() => server.close());

  it('stores, lists and deletes cluster-scoped validating and mutating configurations', async () => {
    await admission.createValidatingWebhookConfiguration({
      body: {
        metadata: { name: 'policy-webhook', labels: { app: 'policy' } },
        webhooks: [],
      },
    });
    await admission.createMutatingWebhookConfiguration({
      body: { metadata: { name: 'defaults-webhook' }, webhooks: [] },
    });
    const validating = await admission.listValidatingWebhookConfiguration({
      labelSelector: 'app=policy',
    });
    expect(validating.items.map(w => w.metadata?.name)).toEqual([
      'policy-webhook',
    ]);
    const mutating = await admission.listMutatingWebhookConfiguration();
    expect(mutating.items.map(w => w.metadata?.name)).toEqual([
      'defaults-webhook',
    ]);
    await admission.deleteValidatingWebhookConfiguration({
      name: 'policy-webhook',
    });
    const status = await expectStatus(
      admission.readValidatingWebhookConfiguration({ name: 'policy-webhook' }),
      404,
    );
    expect(status).toMatchObject({ kind: 'Status', reason: 'NotFound' });
  });
});
