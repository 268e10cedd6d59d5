import {
  ReadinessPodSecurityControl,
  ReadinessPodSecurityLabels,
  ReadinessPodSecurityLevel,
  resourceKey,
} from '@hatchway/plugin-readiness-common';
import {
  evaluatePodSecurity,
  isPodSecurityLevel,
  KubernetesObject,
  podSecurityMinor,
  podTemplateOf,
} from '@hatchway/plugin-readiness-node';

/** The Pod Security Admission labels of a namespace. */
const LABEL_PREFIX = 'pod-security.kubernetes.io/';
const MODES = ['enforce', 'audit', 'warn'] as const;

/** Kinds whose controller judges the pods (or ReplicaSets, Jobs) they own, through their template. */
const TEMPLATE_OWNERS = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
]);

export type StricterLevel = Exclude<ReadinessPodSecurityLevel, 'privileged'>;
export const STRICTER_LEVELS: readonly StricterLevel[] = [
  'baseline',
  'restricted',
];

/** One workload as judged: the strictest level it meets and what each level would refuse. */
export interface WorkloadPodSecurity {
  resourceKey: string;
  apiVersion: string;
  kind: string;
  name: string;
  level: ReadinessPodSecurityLevel;
  /** The controls it breaks at each level it would be refused at. */
  refusals: Partial<Record<StricterLevel, ReadinessPodSecurityControl[]>>;
}

/** One namespace as judged at scan time. */
export interface NamespacePodSecurity {
  namespace: string;
  labels: ReadinessPodSecurityLabels;
  enforce: ReadinessPodSecurityLevel;
  version: string;
  possibleLevel: ReadinessPodSecurityLevel;
  warnings: string[];
  workloads: WorkloadPodSecurity[];
}

/** The level order: negative when `a` is less restrictive than `b`. */
export function compareLevels(
  a: ReadinessPodSecurityLevel,
  b: ReadinessPodSecurityLevel,
): number {
  const order = ['privileged', 'baseline', 'restricted'];
  return order.indexOf(a) - order.indexOf(b);
}

/** The least restrictive of the levels; `restricted` for none. */
export function weakestLevel(
  levels: Iterable<ReadinessPodSecurityLevel>,
): ReadinessPodSecurityLevel {
  let weakest: ReadinessPodSecurityLevel = 'restricted';
  for (const level of levels) {
    if (compareLevels(level, weakest) < 0) weakest = level;
  }
  return weakest;
}

function labelsOf(namespace: KubernetesObject): ReadinessPodSecurityLabels {
  const all = namespace.metadata?.labels ?? {};
  const labels: ReadinessPodSecurityLabels = {};
  for (const mode of MODES) {
    const level = all[`${LABEL_PREFIX}${mode}`];
    const version = all[`${LABEL_PREFIX}${mode}-version`];
    if (level !== undefined) labels[mode] = level;
    if (version !== undefined) labels[`${mode}Version`] = version;
  }
  return labels;
}

/**
 * The enforced policy as Pod Security Admission resolves the labels: no label is `privileged`
 * (the admission default), an unparseable level `restricted` and an unparseable version `latest`.
 */
function enforcedPolicy(labels: ReadinessPodSecurityLabels) {
  const warnings: string[] = [];
  let enforce: ReadinessPodSecurityLevel = 'privileged';
  if (labels.enforce !== undefined) {
    if (isPodSecurityLevel(labels.enforce)) {
      enforce = labels.enforce;
    } else {
      enforce = 'restricted';
      warnings.push(
        `${LABEL_PREFIX}enforce "${labels.enforce}" is not a level; Pod Security Admission enforces restricted`,
      );
    }
  }
  let minor = podSecurityMinor('latest')!;
  if (labels.enforceVersion !== undefined) {
    const labelled = podSecurityMinor(labels.enforceVersion);
    if (labelled === undefined) {
      warnings.push(
        `${LABEL_PREFIX}enforce-version "${labels.enforceVersion}" is not a version; Pod Security Admission applies latest`,
      );
    } else {
      minor = labelled;
    }
  }
  return { enforce, version: `v1.${minor}`, warnings };
}

/** Whether the object runs pods of its own: its pods are not judged through an owner's template. */
function runsOwnPods(object: KubernetesObject): boolean {
  const owners = object.metadata?.ownerReferences ?? [];
  if (owners.some(o => o?.controller && TEMPLATE_OWNERS.has(o.kind ?? ''))) {
    return false;
  }
  // A finished bare pod is never admitted again.
  const phase = (object.status as { phase?: string } | undefined)?.phase;
  return !(
    object.kind === 'Pod' &&
    (phase === 'Succeeded' || phase === 'Failed')
  );
}

function judge(
  cluster: string,
  object: KubernetesObject,
  version: string,
): WorkloadPodSecurity | undefined {
  if (!runsOwnPods(object)) return undefined;
  const pod = podTemplateOf(object);
  if (!pod) return undefined;
  const refusals: WorkloadPodSecurity['refusals'] = {};
  let level: ReadinessPodSecurityLevel = 'restricted';
  for (const stricter of [...STRICTER_LEVELS].reverse()) {
    const result = evaluatePodSecurity(pod, stricter, version);
    if (result.allowed) continue;
    refusals[stricter] = result.violations.map(({ id, name, message }) => ({
      id,
      name,
      message,
    }));
    level = stricter === 'restricted' ? 'baseline' : 'privileged';
  }
  const ref = {
    cluster,
    apiVersion: object.apiVersion ?? 'v1',
    kind: object.kind ?? '',
    name: object.metadata?.name ?? '',
    namespace: object.metadata?.namespace,
  };
  return {
    resourceKey: resourceKey(ref),
    apiVersion: ref.apiVersion,
    kind: ref.kind,
    name: ref.name,
    level,
    refusals,
  };
}

/**
 * Judges every namespace of a cluster as Pod Security Admission would: each pod-running object
 * (a workload's pod template, or a bare pod) at the namespace's enforce version, the strictest
 * level all of them meet, and what each stricter level would refuse. Namespaces in `exclude`
 * (the control plane's) are left out.
 */
export function judgeNamespaces(
  cluster: string,
  objects: readonly KubernetesObject[],
  exclude: ReadonlySet<string> = new Set(),
): NamespacePodSecurity[] {
  const byNamespace = new Map<string, KubernetesObject[]>();
  const namespaces: KubernetesObject[] = [];
  for (const object of objects) {
    if (object.kind === 'Namespace') {
      namespaces.push(object);
    } else if (object.metadata?.namespace) {
      const list = byNamespace.get(object.metadata.namespace) ?? [];
      list.push(object);
      byNamespace.set(object.metadata.namespace, list);
    }
  }
  const result: NamespacePodSecurity[] = [];
  for (const namespace of namespaces) {
    const name = namespace.metadata?.name ?? '';
    if (!name || exclude.has(name)) continue;
    const labels = labelsOf(namespace);
    const { enforce, version, warnings } = enforcedPolicy(labels);
    const workloads = (byNamespace.get(name) ?? []).flatMap(
      o => judge(cluster, o, version) ?? [],
    );
    result.push({
      namespace: name,
      labels,
      enforce,
      version,
      possibleLevel: weakestLevel(workloads.map(w => w.level)),
      warnings,
      workloads,
    });
  }
  return result.sort((a, b) => a.namespace.localeCompare(b.namespace));
}
