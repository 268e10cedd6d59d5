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

/** "3 hours", "2 days": how long ago `iso` was, coarse on purpose. */
export function durationSince(iso: string, now: number = Date.now()): string {
  const ms = now - new Date(iso).getTime();
  if (Number.isNaN(ms)) return 'an unknown time';
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return plural(hours, 'hour');
  return plural(Math.floor(hours / 24), 'day');
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
