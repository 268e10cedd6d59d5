import { formatDuration, formatRelative } from './format';

describe('format', () => {
  const now = Date.parse('2030-01-01T12:00:00Z');
  it('says how long ago or how soon', () => {
    expect(formatRelative('2030-01-01T11:57:00Z', now)).toBe('3 minutes ago');
    expect(formatRelative('2030-01-01T14:00:00Z', now)).toBe('in 2 hours');
    expect(formatRelative(undefined, now)).toBe('—');
  });
  it('words durations', () => {
    expect(formatDuration(900)).toBe('15 min');
    expect(formatDuration(28_800)).toBe('8 h');
    expect(formatDuration(5_400)).toBe('1 h 30 min');
    expect(formatDuration(30)).toBe('30 s');
  });
});
