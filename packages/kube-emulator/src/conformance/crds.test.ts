import {
  ALL_VERBS,
  eventually,
  expectStatus,
  raw,
  useTestServer,
} from './harness';

const crd = (
  group: string,
  plural: string,
  kind: string,
  extra: Record<string, any> = {},
) => ({
  metadata: { name: `${plural}.${group}` },
  spec: {
    group,
    scope: extra.scope ?? 'Namespaced',
    names: { plural, kind, shortNames: extra.shortNames },
    versions: extra.versions ?? [
      {
        name: 'v1alpha1',
        served: true,
        storage: true,
        subresources: extra.subresources,
        schema: {
          openAPIV3Schema: extra.schema ?? {
            type: 'object',
            x_kubernetes_preserve_unknown_fields: true,
          },
        },
      },
    ],
  },
});

describe('CustomResourceDefinitions', () => {
  const c = useTestServer();

  it('serves a new CRD at once, in discovery and as a generic resource', async () => {
    await c.ext.createCustomResourceDefinition({
      body: crd('external-secrets.io', 'externalsecrets', 'ExternalSecret', {
        shortNames: ['es'],
        subresources: { status: {} },
      }),
    });
    const list = await raw(c.server, '/apis/external-secrets.io/v1alpha1');
    expect(list.json.resources).toEqual([
      {
        name: 'externalsecrets',
        singularName: 'externalsecret',
        namespaced: true,
        kind: 'ExternalSecret',
        verbs: ALL_VERBS,
        shortNames: ['es'],
      },
      {
        name: 'externalsecrets/status',
        singularName: '',
        namespaced: true,
        kind: 'ExternalSecret',
        verbs: ['get', 'patch', 'update'],
      },
    ]);
    const groups = await raw(c.server, '/apis');
    expect(groups.json.groups.map((g: any) => g.name)).toContain(
      'external-secrets.io',
    );
    const es = {
      apiVersion: 'external-secrets.io/v1alpha1',
      kind: 'ExternalSecret',
      metadata: { name: 'db', namespace: 'default' },
      spec: { target: 'db-secret' },
    };
    const created = await c.objects.create(es);
    expect((created as any).metadata.generation).toBe(1);
    expect((created as any).spec).toEqual({ target: 'db-secret' });
    const read: any = await c.custom.getNamespacedCustomObject({
      group: 'external-secrets.io',
      version: 'v1alpha1',
      namespace: 'default',
      plural: 'externalsecrets',
      name: 'db',
    });
    expect(read.spec.target).toBe('db-secret');
    const list2: any = await c.custom.listNamespacedCustomObject({
      group: 'external-secrets.io',
      version: 'v1alpha1',
      namespace: 'default',
      plural: 'externalsecrets',
    });
    expect(list2.kind).toBe('ExternalSecretList');
    expect(list2.items[0].kind).toBe('ExternalSecret');
  });

  it('marks the CRD Established and NamesAccepted', async () => {
    const established = await eventually(async () => {
      const x = await c.ext.readCustomResourceDefinition({
        name: 'externalsecrets.external-secrets.io',
      });
      return x.status?.conditions?.find(
        cond => cond.type === 'Established' && cond.status === 'True',
      )
        ? x
        : undefined;
    });
    expect(established.status?.acceptedNames?.kind).toBe('ExternalSecret');
    expect(established.status?.storedVersions).toEqual(['v1alpha1']);
  });

  it('applies custom resource semantics: status subresource, generation, resourceVersion required on update', async () => {
    const args = {
      group: 'external-secrets.io',
      version: 'v1alpha1',
      namespace: 'default',
      plural: 'externalsecrets',
      name: 'db',
    };
    const current: any = await c.custom.getNamespacedCustomObject(args);
    const statusUpdated: any =
      await c.custom.replaceNamespacedCustomObjectStatus({
        ...args,
        body: {
          ...current,
          status: { ready: true },
          spec: { target: 'ignored' },
        },
      });
    expect(statusUpdated.status).toEqual({ ready: true });
    expect(statusUpdated.spec.target).toBe('db-secret');
    expect(statusUpdated.metadata.generation).toBe(1);
    const specUpdated: any = await c.custom.replaceNamespacedCustomObject({
      ...args,
      body: {
        ...statusUpdated,
        spec: { target: 'new' },
        status: { ready: false },
      },
    });
    expect(specUpdated.metadata.generation).toBe(2);
    expect(specUpdated.status).toEqual({ ready: true });
    const { resourceVersion: _rv, ...metaWithoutRv } = specUpdated.metadata;
    const status = await expectStatus(
      c.custom.replaceNamespacedCustomObject({
        ...args,
        body: { ...specUpdated, metadata: metaWithoutRv },
      }),
      422,
    );
    expect(status.message).toBe(
      'ExternalSecret.external-secrets.io "db" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update',
    );
  });

  it('validates and prunes against a structural schema', async () => {
    const schema = {
      type: 'object',
      properties: {
        spec: {
          type: 'object',
          required: ['size'],
          properties: {
            size: { type: 'integer', minimum: 1 },
            mode: { type: 'string', _enum: ['a', 'b'], _default: 'a' },
          },
        },
      },
    };
    await c.ext.createCustomResourceDefinition({
      body: crd('example.com', 'gadgets', 'Gadget', { schema }),
    });
    const ok: any = await c.objects.create({
      apiVersion: 'example.com/v1alpha1',
      kind: 'Gadget',
      metadata: { name: 'g', namespace: 'default' },
      spec: { size: 2, unknown: true },
      extra: 1,
    } as any);
    expect(ok.spec).toEqual({ size: 2, mode: 'a' });
    expect(ok.extra).toBeUndefined();
    const bad = await expectStatus(
      c.objects.create({
        apiVersion: 'example.com/v1alpha1',
        kind: 'Gadget',
        metadata: { name: 'bad', namespace: 'default' },
        spec: { size: 'big', mode: 'c' },
      } as any),
      422,
    );
    expect(bad.message).toBe(
      'Gadget.example.com "bad" is invalid: [spec.size: Invalid value: "string": spec.size in body must be of type integer: "string", spec.mode: Unsupported value: "c": supported values: "a", "b"]',
    );
    const missing = await expectStatus(
      c.objects.create({
        apiVersion: 'example.com/v1alpha1',
        kind: 'Gadget',
        metadata: { name: 'm', namespace: 'default' },
        spec: {},
      } as any),
      422,
    );
    expect(missing.message).toBe(
      'Gadget.example.com "m" is invalid: spec.size: Required value',
    );
  });

  it('serves cluster-scoped custom resources and several versions of one storage', async () => {
    await c.ext.createCustomResourceDefinition({
      body: crd(
        'wgpolicyk8s.io',
        'clusterpolicyreports',
        'ClusterPolicyReport',
        {
          scope: 'Cluster',
          versions: [
            {
              name: 'v1alpha2',
              served: true,
              storage: true,
              schema: {
                openAPIV3Schema: {
                  type: 'object',
                  x_kubernetes_preserve_unknown_fields: true,
                },
              },
            },
            {
              name: 'v1beta1',
              served: true,
              storage: false,
              schema: {
                openAPIV3Schema: {
                  type: 'object',
                  x_kubernetes_preserve_unknown_fields: true,
                },
              },
            },
          ],
        },
      ),
    });
    await c.custom.createClusterCustomObject({
      group: 'wgpolicyk8s.io',
      version: 'v1alpha2',
      plural: 'clusterpolicyreports',
      body: {
        apiVersion: 'wgpolicyk8s.io/v1alpha2',
        kind: 'ClusterPolicyReport',
        metadata: { name: 'r' },
        summary: { pass: 3 },
      },
    });
    const viaBeta: any = await c.custom.getClusterCustomObject({
      group: 'wgpolicyk8s.io',
      version: 'v1beta1',
      plural: 'clusterpolicyreports',
      name: 'r',
    });
    expect(viaBeta.apiVersion).toBe('wgpolicyk8s.io/v1beta1');
    expect(viaBeta.summary).toEqual({ pass: 3 });
    const group = await raw(c.server, '/apis/wgpolicyk8s.io');
    expect(group.json.preferredVersion).toEqual({
      groupVersion: 'wgpolicyk8s.io/v1beta1',
      version: 'v1beta1',
    });
  });

  it('removes all custom resources and stops serving when the CRD is deleted', async () => {
    await c.ext.createCustomResourceDefinition({
      body: crd('bitnami.com', 'sealedsecrets', 'SealedSecret'),
    });
    for (const name of ['s1', 's2']) {
      await c.objects.create({
        apiVersion: 'bitnami.com/v1alpha1',
        kind: 'SealedSecret',
        metadata: { name, namespace: 'default' },
      });
    }
    await c.ext.deleteCustomResourceDefinition({
      name: 'sealedsecrets.bitnami.com',
    });
    await eventually(async () => {
      await expectStatus(
        c.ext.readCustomResourceDefinition({
          name: 'sealedsecrets.bitnami.com',
        }),
        404,
      );
      return true;
    });
    const gone = await raw(
      c.server,
      '/apis/bitnami.com/v1alpha1/namespaces/default/sealedsecrets',
    );
    expect(gone.status).toBe(404);
    expect(gone.json).toMatchObject({
      kind: 'Status',
      reason: 'NotFound',
      code: 404,
    });
    await c.ext.createCustomResourceDefinition({
      body: crd('bitnami.com', 'sealedsecrets', 'SealedSecret'),
    });
    const fresh: any = await c.custom.listNamespacedCustomObject({
      group: 'bitnami.com',
      version: 'v1alpha1',
      namespace: 'default',
      plural: 'sealedsecrets',
    });
    expect(fresh.items).toEqual([]);
  });

  it('rejects CRDs whose name does not match plural.group', async () => {
    const bad = crd('example.org', 'things', 'Thing');
    bad.metadata.name = 'wrong.example.org';
    const status = await expectStatus(
      c.ext.createCustomResourceDefinition({ body: bad }),
      422,
    );
    expect(status.message).toBe(
      'CustomResourceDefinition.apiextensions.k8s.io "wrong.example.org" is invalid: metadata.name: Invalid value: "wrong.example.org": must be spec.names.plural+"."+spec.group',
    );
  });
});
