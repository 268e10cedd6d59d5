import { createHash } from 'node:crypto';
import { VCLUSTER_CHART_NAME, VCLUSTER_CHART_VERSION } from '../chart/version';

/** Label and annotation keys Hatchway puts on what it creates. @public */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
/** @public */
export const MANAGED_BY_HATCHWAY = 'hatchway';
/** Label (sanitised) and annotation (the full entity ref) naming a vCluster's owner. @public */
export const OWNER_KEY = 'hatchway.dev/owner';

/**
 * Annotations that exempt an object from readiness checks (`hatchway.dev/readiness-exempt`, as
 * `@hatchway/plugin-readiness-node` reads them), with the reason the engine reports: the
 * finding stays visible as exempted, never hidden.
 */
export function readinessExemption(
  checkIds: string[],
  reason: string,
): Record<string, string> {
  return {
    'hatchway.dev/readiness-exempt': checkIds.join(','),
    'hatchway.dev/readiness-exempt-reason': reason,
  };
}

/** A Helm release as the chart's templates see it. */
export interface Release {
  /** `.Release.Name`: the vCluster's name. */
  name: string;
  /** `.Release.Namespace`: `vcluster-<name>`. */
  namespace: string;
}

/** The `.Release.Service` the chart writes into `heritage`: here Hatchway, not Helm. */
const RELEASE_SERVICE = 'Hatchway';

/** The labels every chart template puts on its objects (app, chart, release, heritage). */
export function chartLabels(release: Release): Record<string, string> {
  return {
    app: 'vcluster',
    chart: `${VCLUSTER_CHART_NAME}-${VCLUSTER_CHART_VERSION}`,
    release: release.name,
    heritage: RELEASE_SERVICE,
  };
}

/** The labels that select the control plane's pods. */
export function selectorLabels(release: Release): Record<string, string> {
  return { app: 'vcluster', release: release.name };
}

const LABEL_VALUE_MAX = 63;

/**
 * An entity ref as a label value (at most 63 of `[A-Za-z0-9._-]`, alphanumeric at both ends):
 * `user:default/jane` → `user.default.jane`. Refs too long to fit keep a hash suffix, so two
 * owners never share a value; the annotation carries the exact ref.
 */
export function ownerLabelValue(ref: string): string {
  const cleaned = ref
    .replace(/[:/]/g, '.')
    .replace(/[^A-Za-z0-9._-]/g, '-')
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  if (
    cleaned.length <= LABEL_VALUE_MAX &&
    cleaned === ref.replace(/[:/]/g, '.')
  )
    return cleaned;
  const hash = createHash('sha256').update(ref).digest('hex').slice(0, 10);
  const head = cleaned
    .slice(0, LABEL_VALUE_MAX - hash.length - 1)
    .replace(/[^A-Za-z0-9]+$/, '');
  return head ? `${head}-${hash}` : hash;
}
