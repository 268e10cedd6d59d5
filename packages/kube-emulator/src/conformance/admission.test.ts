import { AdmissionregistrationV1Api } from '@kubernetes/client-node';
import { expectStatus, useTestServer } from './harness';

describe('admissionregistration.k8s.io webhook configurations', () => {
  const c = useTestServer();
  let admission: AdmissionregistrationV1Api;
  beforeAll(async () => {
    admission = c.kc.makeApiClient(AdmissionregistrationV1Api);
  });

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
