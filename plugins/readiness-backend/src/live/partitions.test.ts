import {
  evaluate,
  flattenLists,
  KubernetesObject,
} from '@hatchway/plugin-readiness-node';
import { loadAllYaml } from '@kubernetes/client-node';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  affectedPartitions,
  CLUSTER_SCOPED,
  objectsForPartitions,
  partitionOf,
  partitionOfFinding,
} from './partitions';

/** Cross-namespace RBAC, reports and pods: what could tie one namespace's findings to another's. */
const crossNamespace = `
apiVersion: v1
kind: Namespace
metadata: { name: team-a, labels: { pod-security.kubernetes.io/enforce: restricted } }
---
apiVersion: v1
kind: Namespace
metadata: { name: team-b }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: everything }
rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: debugger }
rules: [{ apiGroups: [''], resources: [pods/exec, secrets], verbs: [create, list] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: ops-everything }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: everything }
subjects: [{ kind: Group, name: ops }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: jane-everything, namespace: team-a }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: everything }
subjects: [{ kind: User, name: jane }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: ci-debug, namespace: team-b }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: debugger }
subjects: [{ kind: ServiceAccount, name: ci, namespace: team-a }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: reader, namespace: team-b }
rules: [{ apiGroups: [''], resources: ['*'], verbs: [get] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: reader, namespace: team-b }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader }
subjects: [{ kind: ServiceAccount, name: ci, namespace: team-a }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: team-a, uid: web-uid }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: example/web:1.0 }]
---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web-1
  namespace: team-a
  uid: web-1-uid
  ownerReferences: [{ apiVersion: apps/v1, kind: Deployment, name: web, uid: web-uid, controller: true }]
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: example/web:1.0 }]
---
apiVersion: v1
kind: Pod
metadata:
  name: web-1-a
  namespace: team-a
  labels: { app: web }
  ownerReferences: [{ apiVersion: apps/v1, kind: ReplicaSet, name: web-1, uid: web-1-uid, controller: true }]
spec:
  containers: [{ name: web, image: example/web:1.0 }]
status:
  phase: Running
  containerStatuses:
    - name: web
      restartCount: 9
      state: { waiting: { reason: CrashLoopBackOff } }
---
apiVersion: v1
kind: Pod
metadata: { name: debug, namespace: team-b }
spec:
  hostNetwork: true
  containers: [{ name: sh, image: busybox }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: allow-from-b, namespace: team-a }
spec:
  podSelector: {}
  policyTypes: [Ingress]
  ingress: [{ from: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: team-b } } }] }]
---
apiVersion: wgpolicyk8s.io/v1alpha2
kind: ClusterPolicyReport
metadata: { name: cluster-report }
results:
  - policy: require-labels
    rule: check-namespace
    result: fail
    message: Namespace has no team label
    resources: [{ apiVersion: v1, kind: Namespace, name: team-b }]
`;

const CLUSTER_KINDS = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'ClusterPolicyReport',
]);

function load(text: string): KubernetesObject[] {
  return flattenLists(loadAllYaml(text) as KubernetesObject[])
    .filter(o => o && o.kind)
    .map(o =>
      // As read from a cluster: every namespaced object names its namespace.
      CLUSTER_KINDS.has(o.kind!) || o.metadata?.namespace
        ? o
        : { ...o, metadata: { ...o.metadata, namespace: 'default' } },
    );
}

function fixtures(): KubernetesObject[] {
  const node = dirname(
    require.resolve('@hatchway/plugin-readiness-node/package.json'),
  );
  const manifests = join(node, 'src/__fixtures__/manifests');
  return [
    ...load(crossNamespace),
    ...load(
      readFileSync(
        resolve(__dirname, '../__fixtures__/shop-cluster.yaml'),
        'utf8',
      ),
    ),
    ...['noncompliant.yaml', 'kyverno-report.yaml'].flatMap(file =>
      load(readFileSync(join(manifests, file), 'utf8')),
    ),
  ];
}

const options = { cluster: 'c', now: new Date('2026-11-30T00:00:00Z') };
const sorted = (findings: object[]) =>
  findings.map(f => JSON.stringify(f)).sort();

describe('live re-scoring partitions', () => {
  const objects = fixtures();
  const full = evaluate(objects, options).findings;
  const partitions = [
    ...new Set([...objects.map(partitionOf), ...full.map(partitionOfFinding)]),
  ];

  it('has findings in several namespaces and cluster-scoped ones', () => {
    expect(partitions).toEqual(
      expect.arrayContaining([CLUSTER_SCOPED, 'team-a', 'team-b', 'shop']),
    );
    expect(full.filter(f => f.status === 'failed').length).toBeGreaterThan(20);
  });

  it('gives every check the same findings per namespace as over the whole cluster', () => {
    // Held against every check the engine has: a new check that judges a namespaced resource
    // from another namespace fails here, and needs its partition rule in partitions.ts.
    const namespaces = partitions.filter(p => p !== CLUSTER_SCOPED);
    for (const namespace of namespaces) {
      const part = evaluate(
        objectsForPartitions(objects, new Set([namespace])),
        options,
      ).findings.filter(f => partitionOfFinding(f) === namespace);
      expect({ namespace, findings: sorted(part) }).toEqual({
        namespace,
        findings: sorted(full.filter(f => partitionOfFinding(f) === namespace)),
      });
    }
    const clusterScoped = evaluate(
      objectsForPartitions(objects, new Set([CLUSTER_SCOPED])),
      options,
    ).findings.filter(f => partitionOfFinding(f) === CLUSTER_SCOPED);
    expect(sorted(clusterScoped)).toEqual(
      sorted(full.filter(f => partitionOfFinding(f) === CLUSTER_SCOPED)),
    );
  });

  it('names what a change affects', () => {
    const lookup = {
      namespacesBinding: (role: string) =>
        objects
          .filter(
            o =>
              o.kind === 'RoleBinding' &&
              (o.roleRef as { kind: string; name: string }).kind ===
                'ClusterRole' &&
              (o.roleRef as { name: string }).name === role,
          )
          .map(o => o.metadata!.namespace!),
    };
    const find = (kind: string, name: string) =>
      objects.find(o => o.kind === kind && o.metadata?.name === name)!;
    expect(affectedPartitions(find('Deployment', 'web'), lookup)).toEqual({
      all: false,
      partitions: ['team-a'],
    });
    expect(affectedPartitions(find('Namespace', 'team-b'), lookup)).toEqual({
      all: false,
      partitions: ['team-b'],
    });
    // A ClusterRole's findings name who holds it.
    expect(affectedPartitions(find('RoleBinding', 'ci-debug'), lookup)).toEqual(
      { all: false, partitions: ['team-b', CLUSTER_SCOPED] },
    );
    // A RoleBinding's cluster-admin finding reads the ClusterRole it names.
    expect(
      affectedPartitions(find('ClusterRole', 'everything'), lookup),
    ).toEqual({ all: false, partitions: [CLUSTER_SCOPED, 'team-a'] });
    expect(
      affectedPartitions(find('ClusterRoleBinding', 'ops-everything'), lookup),
    ).toEqual({ all: false, partitions: [CLUSTER_SCOPED] });
    expect(
      affectedPartitions(find('ClusterPolicyReport', 'cluster-report'), lookup),
    ).toEqual({ all: true });
  });
});
