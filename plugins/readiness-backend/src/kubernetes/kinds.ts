/**
 * What a scan lists. Built-in kinds are always listed (a cluster that cannot serve them fails
 * the scan: checks judged on half the picture would pass or fail wrongly). Optional kinds are
 * listed when discovery shows their API group; most clusters lack some of those CRDs.
 */
export interface ListedKind {
  /** API group, `''` for the core group. */
  group: string;
  kind: string;
  /**
   * Versions to try for built-in kinds (and optional core kinds); optional kinds of other groups
   * take what discovery offers.
   */
  versions?: string[];
  optional: boolean;
  /** Only the platform board reads it: listed when the cluster has expected components. */
  platform?: boolean;
  /** Narrows the list on the server, e.g. `type=Warning`. */
  fieldSelector?: string;
  /** Keep the name and labels only (CRDs carry large schemas nothing reads). */
  metadataOnly?: boolean;
}

const builtIn = (
  group: string,
  version: string,
  kinds: string[],
): ListedKind[] =>
  kinds.map(kind => ({ group, kind, versions: [version], optional: false }));

const optional = (group: string, kinds: string[]): ListedKind[] =>
  kinds.map(kind => ({ group, kind, optional: true }));

export const LISTED_KINDS: readonly ListedKind[] = [
  ...builtIn('', 'v1', ['Namespace', 'Pod', 'Service']),
  ...builtIn('apps', 'v1', [
    'Deployment',
    'StatefulSet',
    'DaemonSet',
    'ReplicaSet',
  ]),
  ...builtIn('batch', 'v1', ['Job', 'CronJob']),
  ...builtIn('networking.k8s.io', 'v1', ['NetworkPolicy', 'Ingress']),
  ...builtIn('policy', 'v1', ['PodDisruptionBudget']),
  ...builtIn('rbac.authorization.k8s.io', 'v1', [
    'Role',
    'ClusterRole',
    'RoleBinding',
    'ClusterRoleBinding',
  ]),
  // no-credentials-in-configmaps. Optional: a cluster that does not let the scanner read
  // ConfigMaps is still scanned, without that check's findings. Findings name the keys that look
  // like credentials, never their values.
  { group: '', kind: 'ConfigMap', versions: ['v1'], optional: true },
  // min-replicas reads HorizontalPodAutoscalers when there are any.
  { group: 'autoscaling', kind: 'HorizontalPodAutoscaler', optional: true },
  ...optional('external-secrets.io', ['ExternalSecret']),
  ...optional('bitnami.com', ['SealedSecret']),
  ...optional('wgpolicyk8s.io', ['PolicyReport', 'ClusterPolicyReport']),
  ...optional('cert-manager.io', ['Certificate']),
  // The platform board: warning events, installed CRDs and admission webhooks. Optional, so a
  // cluster that does not serve (or lets us read) them still scans.
  {
    group: '',
    kind: 'Event',
    versions: ['v1'],
    optional: true,
    platform: true,
    fieldSelector: 'type=Warning',
  },
  ...[
    'apiextensions.k8s.io/CustomResourceDefinition',
    'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
    'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  ].map(groupKind => {
    const [group, kind] = groupKind.split('/');
    return {
      group,
      kind,
      optional: true,
      platform: true,
      metadataOnly: true,
    };
  }),
];

/** Kinds only the platform board reads; the check engine is not given them. */
export const PLATFORM_ONLY_KINDS: ReadonlySet<string> = new Set(
  LISTED_KINDS.filter(k => k.platform).map(k => k.kind),
);

/** Objects per list request. */
export const PAGE_SIZE = 500;
