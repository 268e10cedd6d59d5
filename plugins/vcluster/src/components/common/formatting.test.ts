import {
  formatAge,
  formatBytes,
  formatCpu,
  formatDuration,
  formatTtlLeft,
} from './formatting';

const HOUR = 3_600_000;

describe('formatting', () => {
  it('shows short durations in minutes, then hours, then days', () => {
    expect(formatDuration(45 * 60_000)).toBe('45m');
    expect(formatDuration(3 * HOUR + 20 * 60_000)).toBe('3h 20m');
    expect(formatDuration(2 * HOUR)).toBe('2h');
    expect(formatDuration(52 * HOUR)).toBe('2d 4h');
  });

  it('shows the age and the TTL left from now, and an expired TTL as such', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(formatAge('2026-01-01T10:00:00Z', now)).toBe('2h');
    expect(formatTtlLeft('2026-01-01T18:30:00Z', now)).toBe('6h 30m');
    expect(formatTtlLeft('2026-01-01T11:00:00Z', now)).toBe('expired');
  });

  it('shows usage in binary units and cores', () => {
    expect(formatBytes(512 * 1024 * 1024)).toBe('512 MiB');
    expect(formatBytes(1.5 * 1024 ** 3)).toBe('1.5 GiB');
    expect(formatCpu(250)).toBe('0.25 CPU');
  });
});
