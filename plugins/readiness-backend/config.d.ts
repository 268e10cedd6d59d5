/** A duration as Backstage config writes it: `{ minutes: 10 }` or ISO 8601 (`PT10M`). */
type Duration =
  | string
  | {
      days?: number;
      hours?: number;
      minutes?: number;
      seconds?: number;
      milliseconds?: number;
    };

export interface Config {
  /** Infra readiness: scheduled scans of every configured cluster, scores, trends, exemptions. */
  readiness?: {
    /**
     * How often each cluster is scanned. Default: every 10 minutes, 30 seconds after start,
     * with a 5-minute timeout. Clusters come from `kubernetes.clusterLocatorMethods`.
     */
    schedule?: {
      /** How often, e.g. `{ minutes: 10 }`, or a crontab line, e.g. `{ cron: '0 * * * *' }`. */
      frequency?: Duration | { cron: string };
      /** How long one scan may run before it is abandoned. */
      timeout?: Duration;
      /** How long after start the first scan runs. */
      initialDelay?: Duration;
    };
    /**
     * Live re-scoring: the backend watches each cluster (informers on every kind the checks
     * read) and, a moment after a change, re-scores what it affects — the changed object's
     * namespace, or more for RBAC changes — without a scan. Scheduled scans stay: they record
     * the daily history and catch whatever a watch missed. One backend instance watches each
     * cluster (a lease in the database). On by default.
     */
    liveRescoring?: {
      /** Watch every cluster unless `clusters` says otherwise. Default true. */
      enabled?: boolean;
      /** Per cluster (by name, as in `kubernetes.clusterLocatorMethods`): switch it on or off. */
      clusters?: {
        [cluster: string]: {
          enabled: boolean;
        };
      };
      /**
       * Quiet time after a change before re-scoring, so a rollout of many objects is one update.
       * A steady stream of changes still re-scores every four of these. Default 500 ms.
       */
      debounce?: Duration;
      /**
       * Failed lists or watches of a kind in a row after which the cluster is reported
       * `degraded` in `GET /clusters` (its scores then change at scheduled scans). Default 5.
       */
      failureThreshold?: number;
      /** The delay before retrying a failed watch; it doubles on each failure, up to 30 s. Default 1 s. */
      retryDelay?: Duration;
    };
    /**
     * The check profile: `default`, or `production` (digest-pinned images, at least two replicas
     * and anti-affinity or topology spread, all as danger). Default `default`.
     */
    profile?: string;
    /**
     * Per-check overrides applied after the profile, by check id: change the severity or switch
     * the check off, e.g. `{ 'image-digest': { enabled: true, severity: danger } }`.
     */
    checks?: {
      [checkId: string]: {
        /** `danger` or `warning`. */
        severity?: 'danger' | 'warning';
        /** False switches the check off; it then produces no findings at all. */
        enabled?: boolean;
      };
    };
    /** Days of daily score snapshots (trends), platform history and scan records kept. Default 90. */
    retentionDays?: number;
    /**
     * Namespaces the workload and namespace checks skip entirely (the platform board still looks
     * in them). Default: `kube-system`, `kube-public`, `kube-node-lease`; `[]` checks everything.
     */
    excludeNamespaces?: string[];
    /**
     * Whether `hatchway.dev/readiness-exempt` annotations on Kubernetes objects exempt them.
     * Switch off where whoever can edit a workload must not be able to waive its checks.
     * Default true.
     */
    allowAnnotationExemptions?: boolean;
    /**
     * How old an ExternalSecret's `status.refreshTime` may be, in seconds. Default: twice the
     * secret's own `refreshInterval`.
     */
    externalSecretMaxAgeSeconds?: number;
    /**
     * Container restarts above which `pod-restarts` fails and a platform component is Degraded.
     * Default 5.
     */
    restartThreshold?: number;
    /** Days before a certificate's `notAfter` from which `certificate-expiry` fails. Default 14. */
    certificateExpiryDays?: number;
    /**
     * Platform readiness: the platform components expected on each cluster, by cluster name
     * (the key `default` applies to every cluster without a list of its own). An entry is a preset
     * name (`sealed-secrets`, `external-secrets`, `kyverno`, `cert-manager`, `ingress-nginx`,
     * `oauth2-proxy`, `prometheus`, `alertmanager`, `grafana`, `argocd`) or an object whose fields
     * override the preset it names (`preset`, else `name`); an object naming no preset describes
     * a component of its own and needs `namespaces` and a `selector` or `workloadName`.
     */
    platform?: {
      [cluster: string]: Array<
        | string
        | {
            /** The preset to start from; default: the preset called `name`, if any. */
            preset?: string;
            /** Unique on the cluster, e.g. `cert-manager`. */
            name: string;
            title?: string;
            /** Namespaces to look in, in order; the first with matching workloads wins. */
            namespaces?: string[];
            /** Labels the component's Deployments, StatefulSets or DaemonSets carry. */
            selector?: { [label: string]: string };
            /** Or a workload by name. */
            workloadName?: string;
            /** Ready replicas needed across the matched workloads. Default 1. */
            minReadyReplicas?: number;
            /** CustomResourceDefinitions (by name) that must be installed. */
            crds?: string[];
            /** Validating or mutating webhook configurations (by name) that must exist. */
            webhooks?: string[];
            /** The catalog entity that shows this component's status, e.g. `component:default/cert-manager`. */
            entityRef?: string;
          }
      >;
    };
    /** Capabilities that `no-dangerous-capabilities` rejects; replaces the built-in list. */
    dangerousCapabilities?: string[];
    exemptions?: {
      /** The longest an exemption may run, in days from its creation. Default 365. */
      maxDays?: number;
    };
    /**
     * Levels, best first; the first whose requirements hold is reported. Default gold (nothing
     * fails), silver (no failed danger, no failed security warning), bronze (no failed danger).
     */
    levels?: Array<{
      id: string;
      title: string;
      /** Also require at least this score. */
      minScore?: number;
      /** Caps on failed findings, optionally narrowed to a severity and/or a category. */
      requirements: Array<{
        severity?: 'danger' | 'warning';
        category?:
          | 'security'
          | 'reliability'
          | 'efficiency'
          | 'networking'
          | 'secrets'
          | 'rbac';
        max: number;
      }>;
    }>;
  };
}
