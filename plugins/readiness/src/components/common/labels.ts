import type {
  Category,
  FindingStatus,
  Severity,
} from '@hatchway/plugin-readiness-common';

/** Words for the values the pages show, in one place so every view says the same thing. */
export const SEVERITY_LABELS: Record<Severity, string> = {
  danger: 'Danger',
  warning: 'Warning',
};

export const CATEGORY_LABELS: Record<Category, string> = {
  security: 'Security',
  reliability: 'Reliability',
  efficiency: 'Efficiency',
  networking: 'Networking',
  secrets: 'Secrets',
  rbac: 'RBAC',
};

export const STATUS_LABELS: Record<FindingStatus, string> = {
  failed: 'Failed',
  exempted: 'Exempted',
  skipped: 'Skipped',
  passed: 'Passed',
};

/** `gold` → `Gold`; the engine's `none` reads as "No level". */
export function levelLabel(level: string | undefined): string {
  if (!level || level === 'none') return 'No level';
  return level.charAt(0).toLocaleUpperCase('en-US') + level.slice(1);
}

/** A short, locale-aware date and time for scan and expiry times. */
export function formatTime(iso: string | undefined): string {
  if (!iso) return '—';
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? iso : time.toLocaleString();
}
