import {
  Category,
  CheckDefinition,
  EffectiveCheck,
  Exemption,
  Finding,
  LevelDefinition,
  PolicyReportOrigin,
  ResourceRef,
  Score,
  Severity,
} from '@hatchway/plugin-readiness-common';
import { KubernetesObject } from '../kube/types';
import { Workload } from '../kube/workloads';

/**
 * Tunables of individual checks.
 * @public
 */
export interface CheckSettings {
  /**
   * How old an ExternalSecret's `status.refreshTime` may be, in seconds. Defaults to twice the
   * secret's own `refreshInterval` (External Secrets' default of 1h when unset).
   */
  externalSecretMaxAgeSeconds?: number;
  /** Container restarts above which `pod-restarts` fails. Default 5. */
  restartThreshold?: number;
  /** Days before `status.notAfter` from which `certificate-expiry` fails. Default 14. */
  certificateExpiryDays?: number;
  /** Capabilities `no-dangerous-capabilities` rejects. */
  dangerousCapabilities?: string[];
  /**
   * Whether the objects include every Secret, so that `ingress-tls-secret` can call a missing
   * one missing. Defaults to true when any Secret is among the objects: manifests rendered by
   * `helm template` rarely contain the TLS secrets cert-manager creates later.
   */
  secretsListed?: boolean;
}

/**
 * A check's severity or on/off switch, as a profile or config sets it.
 * @public
 */
export interface CheckOverride {
  severity?: Severity;
  enabled?: boolean;
}

/**
 * Config overrides: `{ checks: { 'image-digest': { enabled: true, severity: 'danger' } } }`.
 * @public
 */
export interface ReadinessOverrides {
  checks?: Record<string, CheckOverride>;
}

/**
 * Everything a check may read: the whole object set, indexed, so checks that need context
 * (PodDisruptionBudgets, NetworkPolicies per namespace, bindings of roles) stay pure and fast.
 * @public
 */
export interface CheckContext {
  readonly now: Date;
  readonly settings: Required<
    Omit<CheckSettings, 'externalSecretMaxAgeSeconds'>
  > &
    Pick<CheckSettings, 'externalSecretMaxAgeSeconds'>;
  readonly objects: readonly KubernetesObject[];
  /** Every pod-bearing object not covered by an owner that is checked instead. */
  readonly workloads: readonly Workload[];
  /** Namespaces with a Namespace object or at least one workload, sorted. */
  readonly namespaces: readonly string[];
  /** Objects of a kind, optionally only those of one API group. */
  ofKind(kind: string, group?: string): readonly KubernetesObject[];
  /** Objects of a kind in one namespace. */
  inNamespace(kind: string, namespace: string): readonly KubernetesObject[];
  /** The object of a kind, namespace and name, if it is in the set. */
  find(
    kind: string,
    namespace: string | undefined,
    name: string,
  ): KubernetesObject | undefined;
  /** The object's namespace (the default namespace for namespaced objects that do not say). */
  namespaceOf(object: KubernetesObject): string | undefined;
  /** A resource reference for the object, with the cluster name set. */
  ref(object: KubernetesObject): ResourceRef;
  /** A reference to a namespace, whether or not its Namespace object is in the set. */
  namespaceRef(namespace: string): ResourceRef;
  /**
   * Computes a value once per evaluation and key, for indexes a check needs for every object
   * (e.g. the PodDisruptionBudgets of a namespace by label).
   */
  memo<T>(key: string, compute: () => T): T;
}

/**
 * What a check says about one resource; the engine adds severity, category and exemptions.
 * @public
 */
export interface CheckOutcome {
  resource: ResourceRef;
  /** The object, when it is in the set: its annotations and labels drive exemptions. */
  object?: KubernetesObject;
  status: 'passed' | 'failed' | 'skipped';
  message: string;
  fieldPaths?: string[];
  container?: string;
  /** Per-outcome severity, for imported results that carry their own. */
  severity?: Severity;
  /** Per-outcome category, for imported results that carry their own. */
  category?: Category;
  policyReport?: PolicyReportOrigin;
}

/**
 * A check: its catalogue entry and a pure function over the indexed object set.
 * @public
 */
export interface ReadinessCheck {
  definition: CheckDefinition;
  run(context: CheckContext): CheckOutcome[];
}

/**
 * Options of {@link evaluate}.
 * @public
 */
export interface EvaluateOptions {
  /** `default` or `production` (or a profile passed in `profiles`). Default `default`. */
  profile?: string;
  /** Severity changes and on/off switches, applied after the profile. */
  overrides?: ReadinessOverrides;
  exemptions?: Exemption[];
  /** The time exemptions expire against and status ages are measured from. Default: now. */
  now?: Date;
  /** Honour `hatchway.dev/readiness-exempt` annotations. Default true. */
  allowAnnotationExemptions?: boolean;
  /** Cluster name put on every resource reference. */
  cluster?: string;
  /** Namespace for namespaced objects that name none. Default `default`. */
  defaultNamespace?: string;
  /** Levels, best first. Default {@link @hatchway/plugin-readiness-common#DEFAULT_LEVELS}. */
  levels?: readonly LevelDefinition[];
  settings?: CheckSettings;
  /** The checks to run. Default: every built-in check. */
  checks?: readonly ReadinessCheck[];
  /** Extra or replacement profiles, by name. */
  profiles?: Record<string, ReadinessProfile>;
}

/**
 * A named set of check overrides, such as `production`.
 * @public
 */
export interface ReadinessProfile {
  description: string;
  checks: Record<string, CheckOverride>;
}

/**
 * The findings of an evaluation as the engine keeps them: by column, not as objects, so that an
 * evaluation of a large cluster does not hold a million of them. Every read builds the findings
 * it gives afresh (except imported and exempted ones, kept whole): equal, not identical, from one
 * read to the next.
 * @public
 */
export interface FindingTable extends Iterable<Finding> {
  readonly length: number;
  /** The finding at an index; a RangeError outside 0 to length - 1. */
  at(index: number): Finding;
  /** Visits every finding in order, without an iterator's allocations. */
  forEach(visit: (finding: Finding, index: number) => void): void;
  /** Every finding, as an array of its own. */
  toArray(): Finding[];
}

/**
 * The result of {@link evaluate}.
 * @public
 */
export interface EvaluationResult {
  profile: string;
  /** ISO 8601 time the evaluation used as now. */
  evaluatedAt: string;
  /** Every check with the severity and switch the profile and overrides left it with. */
  checks: EffectiveCheck[];
  /**
   * Every finding: passed, failed, exempted and skipped. Built from `findingTable` when first read,
   * then kept: a caller that passes over the findings once (to score or store them) should read
   * `findingTable` instead, which never holds them all as objects.
   */
  findings: Finding[];
  /** The same findings, in the same order, as the engine keeps them. Not enumerable. */
  readonly findingTable: FindingTable;
  /** The overall score. */
  score: Score;
  /** Things the caller should know about, e.g. an override naming an unknown check. */
  warnings: string[];
}

/**
 * What the report formats read of an evaluation: its findings as an array, whether they were
 * evaluated just now or read back from a store.
 * @public
 */
export type ReportableEvaluation = Omit<EvaluationResult, 'findingTable'>;
