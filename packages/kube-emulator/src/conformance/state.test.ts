import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startApiServer } from '../startApiServer';
import { clientsFor, eventually, expectStatus, raw } from './harness';

const MANIFESTS = `
apiVersion: v1
kind: Namespace
metadata: {name: seeded}
---
# a CRD and an instance in the same batch
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: policyreports.wgpolicyk8s.io}
spec:
  group: wgpolicyk8s.io
  scope: Namespaced
  names: {plural: policyreports, kind: PolicyReport, shortNames: [polr]}
  versions:
    - name: v1alpha2
      served: true
      storage: true
      schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
---
apiVersion: wgpolicyk8s.io/v1alpha2
kind: PolicyReport
metadata: {name: report, namespace: seeded}
summary: {pass: 4, fail: 1}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: seeded}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: api, image: "ghcr.io/example/api:1.0"}]}
---
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata: {name: from-list}
    data: {k: v}
`;

describe('state: manifests and snapshots', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'kube-emulator-state-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('loads a directory of multi-document manifests at start, CRDs and their instances included', async () => {
    const manifests = path.join(dir, 'manifests');
    await mkdir(manifests);
    await writeFile(path.join(manifests, '10-seed.yaml'), MANIFESTS);
    await writeFile(path.join(manifests, 'README.md'), 'not a manifest');
    const server = await startApiServer({ port: 0, manifestsDir: manifests });
    try {
      const c = clientsFor(server);
      expect(
        (
          await c.apps.readNamespacedDeployment({
            namespace: 'seeded',
            name: 'api',
          })
        ).spec?.replicas,
      ).toBe(1);
      const report: any = await c.custom.getNamespacedCustomObject({
        group: 'wgpolicyk8s.io',
        version: 'v1alpha2',
        namespace: 'seeded',
        plural: 'policyreports',
        name: 'report',
      });
      expect(report.summary).toEqual({ pass: 4, fail: 1 });
      expect(
        (
          await c.core.readNamespacedConfigMap({
            namespace: 'default',
            name: 'from-list',
          })
        ).data,
      ).toEqual({ k: 'v' });
    } finally {
      await server.close();
    }
  });

  it('loads the demo cluster manifests of the repository', async () => {
    const server = await startApiServer({
      port: 0,
      manifestsDir: path.resolve(__dirname, '../../../../examples/cluster'),
    });
    try {
      const kinds = await raw(server, '/apis/external-secrets.io/v1beta1');
      expect(kinds.status).toBe(200);
      const namespaces = await clientsFor(server).core.listNamespace();
      expect(namespaces.items.length).toBeGreaterThan(4);
    } finally {
      await server.close();
    }
  });

  it('applies manifests programmatically and idempotently, reporting failures', async () => {
    const server = await startApiServer({ port: 0 });
    try {
      const first = await server.applyManifests(MANIFESTS);
      expect(first.map(o => `${o.kind}/${o.metadata.name}`)).toEqual([
        'Namespace/seeded',
        'CustomResourceDefinition/policyreports.wgpolicyk8s.io',
        'PolicyReport/report',
        'Deployment/api',
        'ConfigMap/from-list',
      ]);
      const second = await server.applyManifests(MANIFESTS);
      expect(second.map(o => o.metadata.resourceVersion)).toEqual(
        first.map(o => o.metadata.resourceVersion),
      );
      await expect(
        server.applyManifests(
          'apiVersion: v1\nkind: Nope\nmetadata: {name: x}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok-too}\n',
        ),
      ).rejects.toThrow(
        'failed to apply 1 object(s):\nNope x: no matches for kind "Nope" in version "v1"',
      );
      expect(
        (
          await clientsFor(server).core.readNamespacedConfigMap({
            namespace: 'default',
            name: 'ok-too',
          })
        ).metadata?.name,
      ).toBe('ok-too');
    } finally {
      await server.close();
    }
  });

  it('keeps state in a snapshot file across restarts', async () => {
    const file = path.join(dir, 'snapshot.json');
    const first = await startApiServer({
      port: 0,
      snapshotFile: file,
      snapshotDebounceMs: 20,
    });
    const c1 = clientsFor(first);
    await first.applyManifests(MANIFESTS);
    const cm = await c1.core.createNamespacedConfigMap({
      namespace: 'seeded',
      body: { metadata: { name: 'kept' }, data: { a: '1' } },
    });
    await eventually(async () =>
      (await readFile(file, 'utf8')).includes('"kept"'),
    );
    await c1.core.createNamespacedConfigMap({
      namespace: 'seeded',
      body: { metadata: { name: 'last-second' } },
    });
    await first.close();

    const second = await startApiServer({ port: 0, snapshotFile: file });
    try {
      const c2 = clientsFor(second);
      const kept = await c2.core.readNamespacedConfigMap({
        namespace: 'seeded',
        name: 'kept',
      });
      expect(kept.metadata?.uid).toBe(cm.metadata?.uid);
      expect(kept.metadata?.resourceVersion).toBe(cm.metadata?.resourceVersion);
      expect(
        (
          await c2.core.readNamespacedConfigMap({
            namespace: 'seeded',
            name: 'last-second',
          })
        ).metadata?.name,
      ).toBe('last-second');
      const report: any = await c2.custom.getNamespacedCustomObject({
        group: 'wgpolicyk8s.io',
        version: 'v1alpha2',
        namespace: 'seeded',
        plural: 'policyreports',
        name: 'report',
      });
      expect(report.summary.pass).toBe(4);
      const next = await c2.core.createNamespacedConfigMap({
        namespace: 'seeded',
        body: { metadata: { name: 'newer' } },
      });
      expect(Number(next.metadata?.resourceVersion)).toBeGreaterThan(
        Number(kept.metadata?.resourceVersion),
      );
      await expectStatus(
        c2.core.createNamespacedConfigMap({
          namespace: 'seeded',
          body: { metadata: { name: 'kept' } },
        }),
        409,
      );
    } finally {
      await second.close();
    }
  });
});
