/**
 * Names one Kubernetes object a finding is about.
 * @public
 */
export interface ResourceRef {
  /** The cluster name, when the findings come from a cluster scan. */
  cluster?: string;
  /** Unset for cluster-scoped kinds (ClusterRole, Namespace, ...). */
  namespace?: string;
  kind: string;
  name: string;
  apiVersion: string;
}

/**
 * A stable key for a resource: the same object gives the same key whichever API version it was
 * read with (`extensions/v1beta1` and `networking.k8s.io/v1` Ingresses collide on purpose).
 * @public
 */
export function resourceKey(ref: ResourceRef): string {
  const slash = ref.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : ref.apiVersion.slice(0, slash);
  return [
    ref.cluster ?? '',
    group,
    ref.kind,
    ref.namespace ?? '',
    ref.name,
  ].join('|');
}

/**
 * A short human-readable name for a resource, e.g. `Deployment team-a/web`.
 * @public
 */
export function formatResource(ref: ResourceRef): string {
  const name = ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name;
  return `${ref.kind} ${name}`;
}
