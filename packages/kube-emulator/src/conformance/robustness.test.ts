import { expectStatus, raw, useTestServer } from './harness';

const json = { 'content-type': 'application/json' };

describe('bad requests', () => {
  const c = useTestServer();

  it('answers malformed JSON with 400 BadRequest', async () => {
    const res = await raw(c.server, '/api/v1/namespaces/default/configmaps', {
      method: 'POST',
      headers: json,
      body: '{"metadata": {"name": ',
    });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      reason: 'BadRequest',
      code: 400,
    });
    expect(res.json.message).toMatch(
      /^couldn't get version\/kind; json parse error: /,
    );
    const arr = await raw(c.server, '/api/v1/namespaces/default/configmaps', {
      method: 'POST',
      headers: json,
      body: '[1,2]',
    });
    expect(arr.status).toBe(400);
    const wrongKind = await raw(
      c.server,
      '/api/v1/namespaces/default/configmaps',
      {
        method: 'POST',
        headers: json,
        body: '{"apiVersion":"v1","kind":"Secret","metadata":{"name":"x"}}',
      },
    );
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.json.reason).toBe('BadRequest');
    const badPatch = await raw(c.server, '/api/v1/namespaces/default', {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: 'nope',
    });
    expect(badPatch.status).toBe(400);
  });

  it('answers unknown kinds and paths with 404 Status', async () => {
    for (const path of [
      '/api/v1/widgets',
      '/apis/nope.example.com/v1/things',
      '/apis/apps/v1/namespaces/default/deployments/x/y/z',
      '/nothing/here',
      '/api/v9',
      '/apis/apps/v0',
    ]) {
      const res = await raw(c.server, path);
      expect(res.status).toBe(404);
      expect(res.json).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'the server could not find the requested resource',
        reason: 'NotFound',
        details: {},
        code: 404,
      });
    }
    const bad = await raw(c.server, '/api/v1/namespaces/%E0%A4%A/pods');
    expect(bad.status).toBe(404);
  });

  it('answers bodies over the limit with 413', async () => {
    const big = 'x'.repeat(4 * 1024 * 1024);
    const status = await expectStatus(
      c.core.createNamespacedConfigMap({
        namespace: 'default',
        body: { metadata: { name: 'big' }, data: { big } },
      }),
      413,
    );
    expect(status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Request entity too large: limit is 3145728',
      reason: 'RequestEntityTooLarge',
      code: 413,
    });
    const fine = await c.core.createNamespacedConfigMap({
      namespace: 'default',
      body: {
        metadata: { name: 'fits' },
        data: { v: 'x'.repeat(1024 * 1024) },
      },
    });
    expect(fine.data?.v.length).toBe(1024 * 1024);
  });

  it('answers unsupported media types with 415 and wrong methods with 405', async () => {
    const proto = await raw(c.server, '/api/v1/namespaces/default/configmaps', {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.kubernetes.protobuf' },
      body: 'k8s\0',
    });
    expect(proto.status).toBe(415);
    expect(proto.json.reason).toBe('UnsupportedMediaType');
    const patchType = await raw(
      c.server,
      '/api/v1/namespaces/default/configmaps/fits',
      {
        method: 'PATCH',
        headers: { 'content-type': 'text/plain' },
        body: '{}',
      },
    );
    expect(patchType.status).toBe(415);
    const put = await raw(c.server, '/api/v1/namespaces/default/configmaps', {
      method: 'PUT',
      headers: json,
      body: '{}',
    });
    expect(put.status).toBe(405);
    expect(put.json.reason).toBe('MethodNotAllowed');
  });

  it('keeps serving after all of that', async () => {
    const garbage = [
      '{{{{',
      '\u0000\u0001',
      'null',
      '"string"',
      '{"metadata":"nope"}',
      '{"metadata":{"name":123}}',
    ];
    for (const body of garbage) {
      const res = await raw(c.server, '/api/v1/namespaces/default/configmaps', {
        method: 'POST',
        headers: json,
        body,
      });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.json.kind).toBe('Status');
    }
    expect(
      (
        await c.core.readNamespacedConfigMap({
          namespace: 'default',
          name: 'fits',
        })
      ).metadata?.name,
    ).toBe('fits');
  });
});
