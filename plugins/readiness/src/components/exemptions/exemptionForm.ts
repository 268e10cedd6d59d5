import type {
  CheckDefinition,
  ExemptionMatch,
} from '@hatchway/plugin-readiness-common';
import type {
  CreateReadinessExemptionRequest,
  ReadinessFinding,
} from '../../api/types';

/** What the exemption dialog's fields hold, as typed. */
export interface ExemptionFormValues {
  /** Comma- or space-separated check ids, or `*`. */
  checkIds: string;
  cluster: string;
  namespace: string;
  kind: string;
  namePrefix: string;
  /** `key=value` pairs separated by commas. */
  labels: string;
  reason: string;
  owner: string;
  /** `YYYY-MM-DD`, the day the exemption stops applying (00:00 UTC). */
  expiresOn: string;
}

export type ExemptionFormErrors = Partial<
  Record<keyof ExemptionFormValues, string>
>;

export const EMPTY_EXEMPTION_FORM: ExemptionFormValues = {
  checkIds: '',
  cluster: '',
  namespace: '',
  kind: '',
  namePrefix: '',
  labels: '',
  reason: '',
  owner: '',
  expiresOn: '',
};

/** A form that exempts one failing finding: its check on resources named like it. */
export function formForFinding(finding: ReadinessFinding): ExemptionFormValues {
  const { resource } = finding;
  return {
    ...EMPTY_EXEMPTION_FORM,
    checkIds: finding.checkId,
    cluster: resource.cluster ?? '',
    namespace: resource.namespace ?? '',
    kind: resource.kind,
    namePrefix: resource.name,
  };
}

function parseLabels(text: string): Record<string, string> | string {
  const labels: Record<string, string> = {};
  for (const pair of text
    .split(',')
    .map(p => p.trim())
    .filter(Boolean)) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return `"${pair}" is not key=value`;
    labels[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return labels;
}

/** Policy-report findings are exempted by `policy-report:<policy>[/<rule>]`, which the catalogue does not list. */
function isKnownCheckId(
  id: string,
  checks: ReadonlyMap<string, CheckDefinition>,
) {
  return id === '*' || id.startsWith('policy-report:') || checks.has(id);
}

/**
 * Validates the form and builds the `POST /exemptions` body. The backend validates again; this
 * only catches what a person can fix before sending. Unset match fields are left out, since
 * an empty string would match nothing.
 */
export function validateExemptionForm(
  values: ExemptionFormValues,
  checks: ReadonlyMap<string, CheckDefinition>,
  now: Date = new Date(),
):
  | { request: CreateReadinessExemptionRequest }
  | { errors: ExemptionFormErrors } {
  const errors: ExemptionFormErrors = {};
  const checkIds = values.checkIds.split(/[\s,]+/).filter(Boolean);
  const unknown =
    checks.size > 0 ? checkIds.filter(id => !isKnownCheckId(id, checks)) : [];
  if (checkIds.length === 0) {
    errors.checkIds = 'Name at least one check id, or * for every check';
  } else if (unknown.length > 0) {
    errors.checkIds = `Unknown check id: ${unknown.join(', ')}`;
  }
  const labels = parseLabels(values.labels);
  if (typeof labels === 'string') errors.labels = labels;
  if (!values.reason.trim()) errors.reason = 'A reason is required';
  const expires = Date.parse(`${values.expiresOn}T00:00:00.000Z`);
  if (!values.expiresOn) {
    errors.expiresOn = 'An expiry date is required';
  } else if (!Number.isFinite(expires)) {
    errors.expiresOn = 'Use a date like 2030-01-31';
  } else if (expires <= now.getTime()) {
    errors.expiresOn = 'The expiry date must be in the future';
  }
  if (Object.keys(errors).length > 0 || typeof labels === 'string') {
    return { errors };
  }

  const match: ExemptionMatch = {};
  for (const key of ['cluster', 'namespace', 'kind', 'namePrefix'] as const) {
    const value = values[key].trim();
    if (value) match[key] = value;
  }
  if (Object.keys(labels).length > 0) match.labels = labels;
  const request: CreateReadinessExemptionRequest = {
    checkIds,
    match,
    reason: values.reason.trim(),
    expiresAt: new Date(expires).toISOString(),
  };
  if (values.owner.trim()) request.owner = values.owner.trim();
  return { request };
}

/** `cluster prod · namespace shop · Deployment web-*` — an exemption's match in one line. */
export function describeMatch(match: ExemptionMatch): string {
  const parts: string[] = [];
  if (match.cluster) parts.push(`cluster ${match.cluster}`);
  if (match.namespace) parts.push(`namespace ${match.namespace}`);
  if (match.kind) parts.push(match.kind);
  if (match.namePrefix) parts.push(`name ${match.namePrefix}*`);
  for (const [key, value] of Object.entries(match.labels ?? {})) {
    parts.push(`${key}=${value}`);
  }
  return parts.length > 0 ? parts.join(' · ') : 'every resource';
}
