import { expectStatus, raw } from './harness';
import { configMap, useVapFixture } from './validatingAdmissionPolicyFixture';

describe('ValidatingAdmissionPolicy decisions: status codes, messages, failurePolicy, Warn', () => {
  const f = useVapFixture();
  const { policy, createCm, cleanup } = f;

  it('denies a matching create with 422 Invalid and the API server message', async () => {
    await policy('no-latest', {
      validations: [
        {
          expression:
            "!has(object.data) || !('tag' in object.data) || object.data.tag != 'latest'",
          message: 'tag must not be latest',
        },
      ],
    });
    const status = await expectStatus(
      createCm(f.alice, 'dev', 'app', { tag: 'latest' }),
      422,
    );
    const message =
      "configmaps \"app\" is forbidden: ValidatingAdmissionPolicy 'no-latest' with binding 'no-latest-binding' denied request: tag must not be latest";
    expect(status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason: 'Invalid',
      details: {
        name: 'app',
        kind: 'configmaps',
        causes: [{ message: message.replace(/^.*?is forbidden: /, '') }],
      },
      code: 422,
    });
    await expect(
      f.admin.core.readNamespacedConfigMap({ namespace: 'dev', name: 'app' }),
    ).rejects.toMatchObject({ code: 404 });
    await createCm(f.alice, 'dev', 'app', { tag: '1.2' });
  });

  it('maps reason to the status code and falls back to the expression as the message', async () => {
    await policy('reasons', {
      validations: [
        {
          expression: "object.metadata.name != 'forbidden'",
          reason: 'Forbidden',
        },
        {
          expression: "object.metadata.name != 'huge'",
          reason: 'RequestEntityTooLarge',
        },
        {
          expression: "object.metadata.name != 'unauthorized'",
          reason: 'Unauthorized',
        },
      ],
    });
    const forbidden = await expectStatus(
      createCm(f.admin, 'dev', 'forbidden'),
      403,
    );
    expect(forbidden.reason).toBe('Forbidden');
    expect(forbidden.message).toMatch(
      /denied request: failed expression: object.metadata.name != 'forbidden'$/,
    );
    expect(
      (await expectStatus(createCm(f.admin, 'dev', 'huge'), 413)).reason,
    ).toBe('RequestEntityTooLarge');
    // client-node does not hand over the body of a 401; read it raw.
    const res = await raw(f.server, '/api/v1/namespaces/dev/configmaps', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(configMap('unauthorized')),
    });
    expect([res.status, res.json.reason, res.json.code]).toEqual([
      401,
      'Unauthorized',
      401,
    ]);
  });

  it('applies failurePolicy to evaluation errors: Fail denies, Ignore admits', async () => {
    const spec = (failurePolicy: string) => ({
      failurePolicy,
      validations: [{ expression: "object.data.missing == 'x'" }],
    });
    await policy('fails', spec('Fail'));
    const status = await expectStatus(
      createCm(f.admin, 'dev', 'err', { a: 'b' }),
      422,
    );
    expect(status.message).toBe(
      `configmaps "err" is forbidden: ValidatingAdmissionPolicy 'fails' with binding 'fails-binding' denied request: expression 'object.data.missing == 'x'' resulted in error: no such key: missing`,
    );
    await cleanup();
    await policy('ignores', spec('Ignore'));
    await createCm(f.admin, 'dev', 'err', { a: 'b' });
  });

  it('sends a Warning header and admits for the Warn action', async () => {
    await policy(
      'warns',
      {
        validations: [
          {
            expression: "'owner' in object.metadata.labels",
            message: 'set an owner label',
          },
        ],
      },
      { validationActions: ['Warn'] },
    );
    const res = await raw(f.server, '/api/v1/namespaces/dev/configmaps', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(configMap('warned', {}, { a: 'b' })),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('warning')).toBe(
      `299 - "Validation failed for ValidatingAdmissionPolicy 'warns' with binding 'warns-binding': set an owner label"`,
    );
  });
});
