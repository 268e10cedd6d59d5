import { ResourceRef } from '@hatchway/plugin-readiness-common';
import { Condition, KubernetesObject, LabelSelector } from './types';

// Kinds the API server keeps outside namespaces; any other kind without a namespace is treated
// as living in the default namespace, as `kubectl apply` would place it.
const CLUSTER_SCOPED = new Set([
  'APIService',
  'CSIDriver',
  'CSINode',
  'ClusterExternalSecret',
  'ClusterIssuer',
  'ClusterPolicy',
  'ClusterPolicyReport',
  'ClusterRole',
  'ClusterRoleBinding',
  'ClusterSecretStore',
  'CustomResourceDefinition',
  'IngressClass',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PriorityClass',
  'RuntimeClass',
  'StorageClass',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
  'VolumeAttachment',
]);

/** Whether objects of this kind live outside namespaces. */
export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}

/** The API group of an `apiVersion` (`''` for the core group). */
export function apiGroup(apiVersion: string | undefined): string {
  const value = apiVersion ?? '';
  const slash = value.indexOf('/');
  return slash < 0 ? '' : value.slice(0, slash);
}

/** The object's name, falling back to `generateName` and then a placeholder. */
export function nameOf(object: KubernetesObject): string {
  return object.metadata?.name ?? object.metadata?.generateName ?? '(unnamed)';
}

/** The object's namespace, with `defaultNamespace` for namespaced objects that do not say. */
export function namespaceOf(
  object: KubernetesObject,
  defaultNamespace: string,
): string | undefined {
  if (isClusterScoped(object.kind ?? '')) return undefined;
  return object.metadata?.namespace || defaultNamespace;
}

/** Builds a resource reference for an object. */
export function refOf(
  object: KubernetesObject,
  defaultNamespace: string,
  cluster?: string,
): ResourceRef {
  const kind = object.kind ?? 'Unknown';
  const name = nameOf(object);
  const apiVersion = object.apiVersion ?? 'v1';
  const namespace = namespaceOf(object, defaultNamespace);
  // Built whole, always in this one shape (an absent namespace or cluster is `undefined`, which
  // JSON leaves out): scoring reads the refs of hundreds of thousands of findings, and a second
  // shape first seen late (cluster-scoped objects) throws its compiled code away.
  return { kind, name, apiVersion, namespace, cluster };
}

/** Reads a nested value without trusting the shape of the object. */
export function get(value: unknown, ...path: Array<string | number>): unknown {
  let current: unknown = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/** An array, or an empty array for anything else (hand-written manifests get this wrong). */
export function asArray<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

/** A plain object, or undefined for anything else. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The condition of the given type in `status.conditions`. */
export function conditionOf(
  object: KubernetesObject,
  type: string,
): Condition | undefined {
  return asArray<Condition>(get(object, 'status', 'conditions')).find(
    c => c?.type === type,
  );
}

/** Whether a label selector selects the given labels; an empty selector selects everything. */
export function selectorMatches(
  selector: LabelSelector | undefined,
  labels: Record<string, string> = {},
): boolean {
  if (!selector || typeof selector !== 'object') return false;
  // Plain loops: this runs once per workload and candidate selector, millions of times a scan.
  const matchLabels = selector.matchLabels ?? {};
  for (const key in matchLabels) {
    if (labels[key] !== matchLabels[key]) return false;
  }
  const expressions = selector.matchExpressions;
  if (!Array.isArray(expressions)) return true;
  for (const expression of expressions) {
    if (!expression || typeof expression !== 'object') return false;
    const has = Object.prototype.hasOwnProperty.call(labels, expression.key);
    const values = expression.values ?? [];
    switch (expression.operator) {
      case 'In':
        if (!has || !values.includes(labels[expression.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[expression.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        // An operator we do not know selects nothing, like the API server rejecting it.
        return false;
    }
  }
  return true;
}

/** A time from a status field (string from YAML, Date from @kubernetes/client-node). */
export function parseTime(value: unknown): Date | undefined {
  if (value instanceof Date)
    return Number.isFinite(value.getTime()) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const time = Date.parse(value);
  return Number.isFinite(time) ? new Date(time) : undefined;
}
