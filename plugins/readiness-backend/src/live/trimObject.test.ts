import { KubernetesObject } from '@hatchway/plugin-readiness-node';
import { lastWrite, trimObject } from './trimObject';

describe('trimObject', () => {
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'web',
      namespace: 'shop',
      labels: { app: 'web' },
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration': '{"big":true}',
        'hatchway.dev/readiness-exempt': 'image-tag',
      },
      creationTimestamp: '2026-11-30T09:00:00Z',
      managedFields: [
        { manager: 'kubectl', time: '2026-11-30T09:00:00Z' },
        { manager: 'kube-controller-manager', time: '2026-11-30T10:15:00Z' },
      ],
    },
    spec: { replicas: 2 },
    status: { readyReplicas: 1 },
  };

  it('keeps what checks read and drops what only the API server needs', () => {
    expect(trimObject(deployment)).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'web',
        namespace: 'shop',
        labels: { app: 'web' },
        annotations: { 'hatchway.dev/readiness-exempt': 'image-tag' },
        creationTimestamp: '2026-11-30T09:00:00Z',
      },
      spec: { replicas: 2 },
      status: { readyReplicas: 1 },
    });
    // The object as listed is left alone.
    expect(deployment.metadata.managedFields).toHaveLength(2);
  });

  it('remembers when the object was last written', () => {
    expect(lastWrite(trimObject(deployment))).toBe(
      Date.parse('2026-11-30T10:15:00Z'),
    );
    const created = trimObject({
      kind: 'Namespace',
      metadata: { name: 'shop', creationTimestamp: '2026-11-01T00:00:00Z' },
    } as KubernetesObject);
    expect(lastWrite(created)).toBe(Date.parse('2026-11-01T00:00:00Z'));
    expect(lastWrite({ kind: 'Namespace', metadata: { name: 'x' } })).toBe(0);
  });

  it('keeps no ConfigMap value in the cache, only what the credential check judges it by', () => {
    const trimmed = trimObject({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'settings',
        namespace: 'legacy',
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration':
            '{"data":{"password":"hunter2"}}',
        },
      },
      data: { password: 'hunter2', mode: 'strict' },
      binaryData: { blob: 'aHVudGVyMg==' },
    } as KubernetesObject);
    const json = JSON.stringify(trimmed);
    expect(json).not.toContain('hunter2');
    expect(json).not.toContain('strict');
    expect(json).not.toContain('aHVudGVyMg');
    expect(Object.keys((trimmed as any).data).sort()).toEqual([
      'mode',
      'password',
    ]);
  });
});
