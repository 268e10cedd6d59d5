import { KubernetesObject } from '@hatchway/plugin-readiness-node';
import { judgeNamespaces } from './namespacePodSecurity';

const namespace = (
  name: string,
  labels: Record<string, string> = {},
): KubernetesObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels },
});

const HARDENED = {
  securityContext: {
    runAsNonRoot: true,
    seccompProfile: { type: 'RuntimeDefault' },
  },
  containers: [
    {
      name: 'app',
      image: 'app:1',
      securityContext: {
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
      },
    },
  ],
};

const deployment = (
  ns: string,
  name: string,
  spec: object,
  extra: Partial<KubernetesObject> = {},
): KubernetesObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: ns },
  spec: { template: { spec } },
  ...extra,
});

/** Runs as root by default: baseline admits it, restricted does not. */
const PLAIN = { containers: [{ name: 'web', image: 'web:1' }] };
const HOST = {
  hostNetwork: true,
  containers: [{ name: 'agent', image: 'a:1' }],
};

describe('judgeNamespaces', () => {
  it('finds the strictest level every workload meets, and what restricted would refuse', () => {
    const [result] = judgeNamespaces('prod', [
      namespace('shop'),
      deployment('shop', 'api', HARDENED),
      deployment('shop', 'web', PLAIN),
    ]);
    expect(result).toMatchObject({
      namespace: 'shop',
      enforce: 'privileged',
      version: 'v1.37',
      possibleLevel: 'baseline',
      warnings: [],
    });
    const web = result.workloads.find(w => w.name === 'web')!;
    expect(web).toMatchObject({
      kind: 'Deployment',
      level: 'baseline',
      resourceKey: 'prod|apps|Deployment|shop|web',
    });
    expect(web.refusals.baseline).toBeUndefined();
    expect(web.refusals.restricted?.map(c => c.id)).toEqual([
      'allowPrivilegeEscalation',
      'capabilities_restricted',
      'runAsNonRoot',
      'seccompProfile_restricted',
    ]);
    expect(web.refusals.restricted?.[2]).toEqual({
      id: 'runAsNonRoot',
      name: 'runAsNonRoot != true',
      message:
        'pod or container "web" must set securityContext.runAsNonRoot=true',
    });
  });

  it('reads the labels, judges at the enforce version and says privileged for host access', () => {
    const [result] = judgeNamespaces('prod', [
      namespace('agents', {
        'pod-security.kubernetes.io/enforce': 'baseline',
        'pod-security.kubernetes.io/enforce-version': 'v1.24',
        'pod-security.kubernetes.io/warn': 'restricted',
      }),
      deployment('agents', 'agent', HOST),
    ]);
    expect(result).toMatchObject({
      labels: {
        enforce: 'baseline',
        enforceVersion: 'v1.24',
        warn: 'restricted',
      },
      enforce: 'baseline',
      version: 'v1.24',
      possibleLevel: 'privileged',
    });
    expect(result.workloads[0].refusals.baseline).toEqual([
      expect.objectContaining({ id: 'hostNamespaces' }),
    ]);
  });

  it('treats unparseable labels as Pod Security Admission does: restricted at latest', () => {
    const [result] = judgeNamespaces('prod', [
      namespace('typo', {
        'pod-security.kubernetes.io/enforce': 'Restricted',
        'pod-security.kubernetes.io/enforce-version': 'one',
      }),
    ]);
    expect(result).toMatchObject({
      enforce: 'restricted',
      version: 'v1.37',
      possibleLevel: 'restricted',
      workloads: [],
    });
    expect(result.warnings).toHaveLength(2);
  });

  it('judges a workload once, through its template, and skips finished pods and excluded namespaces', () => {
    const pod = (name: string, extra: object): KubernetesObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'shop', ...extra },
      spec: PLAIN,
    });
    const results = judgeNamespaces(
      'prod',
      [
        namespace('shop'),
        namespace('kube-system'),
        deployment('kube-system', 'dns', HOST),
        deployment('shop', 'api', HARDENED),
        pod('api-7d9-x', {
          ownerReferences: [
            { kind: 'ReplicaSet', name: 'api-7d9', controller: true },
          ],
        }),
        { ...pod('migrate', {}), status: { phase: 'Succeeded' } },
        pod('debug', {}),
      ],
      new Set(['kube-system']),
    );
    expect(results.map(r => r.namespace)).toEqual(['shop']);
    expect(results[0].workloads.map(w => `${w.kind}/${w.name}`)).toEqual([
      'Deployment/api',
      'Pod/debug',
    ]);
    expect(results[0].possibleLevel).toBe('baseline');
  });
});
