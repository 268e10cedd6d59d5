/**
 * Types of the Pod Security Standards evaluator: the levels and versions of the Kubernetes Pod
 * Security Admission library, what it reads from a pod (or a pod template) and what it answers.
 */

/**
 * A Pod Security Standards level, least to most restrictive.
 * @public
 */
export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

/**
 * A policy version as Pod Security Admission labels name it: `v1.NN` or `latest`.
 * @public
 */
export type PodSecurityVersion = string;

/**
 * A pod, or a pod template (`spec.template` of a Deployment, say): the metadata whose annotations
 * some controls read, and the pod spec. Anything else on the object is ignored.
 * @public
 */
export interface PodLike {
  metadata?: { annotations?: Record<string, string> | null } | null;
  spec?: unknown;
}

/**
 * One control a pod breaks, in the words Pod Security Admission uses in its refusals.
 * @public
 */
export interface PodSecurityViolation {
  /** The upstream check id, e.g. `runAsNonRoot` or `capabilities_restricted`. */
  id: string;
  /** Upstream's ForbiddenReason, e.g. `runAsNonRoot != true`. */
  name: string;
  /** Upstream's ForbiddenDetail, e.g. `pod or container "app" must set securityContext.runAsNonRoot=true`. */
  message: string;
  /** The level the control belongs to: baseline controls also bind restricted pods. */
  level: 'baseline' | 'restricted';
}

/**
 * The verdict on one pod at one level and version.
 * @public
 */
export interface PodSecurityResult {
  /** Whether Pod Security Admission enforcing this level and version would admit the pod. */
  allowed: boolean;
  level: PodSecurityLevel;
  /** The version whose rules were applied: `latest` and newer versions resolve to the newest. */
  version: string;
  /** Broken controls, in upstream's order (baseline controls first, each group by id). */
  violations: PodSecurityViolation[];
}

/**
 * The parts of a pod the controls read, normalised once: the annotations, the spec, the pod's
 * securityContext and every container (init, regular, then ephemeral, as upstream visits them).
 */
export interface PodView {
  annotations: Record<string, unknown>;
  spec: Record<string, unknown>;
  securityContext: Record<string, unknown> | undefined;
  containers: Array<{
    name: string;
    container: Record<string, unknown>;
    securityContext: Record<string, unknown> | undefined;
  }>;
}

/** A control's refusal: upstream's ForbiddenReason and ForbiddenDetail. */
export interface Forbidden {
  reason: string;
  detail: string;
}

/** One revision of a control; undefined means the pod passes. */
export type ControlCheck = (pod: PodView) => Forbidden | undefined;

/** A revision of a control that applies from a minor version of v1 until the next revision. */
export interface ControlRevision {
  /** First policy version (v1.<since>) this revision applies to. */
  since: number;
  check: ControlCheck;
  /** Baseline controls this restricted revision replaces at the restricted level. */
  overrides?: string[];
}

/**
 * A Pod Security Standards control as the admission library registers it, with what the
 * readiness checks built from it show.
 * @public
 */
export interface PodSecurityControl {
  /** The upstream check id. */
  id: string;
  level: 'baseline' | 'restricted';
  /** The control's name in the Pod Security Standards, e.g. `Running as Non-root`. */
  title: string;
  /** Id of the readiness check built from it, e.g. `pss-run-as-non-root`. */
  checkId: string;
  remediation: string;
  /** @internal */
  revisions: ControlRevision[];
}
