import { backoffDelay, DEFAULT_BACKOFF } from './backoff';

describe('backoffDelay', () => {
  it('doubles its cap from 0.5 s up to 10 s', () => {
    const caps = [1, 2, 3, 4, 5, 6, 7, 8].map(attempt =>
      backoffDelay(attempt, DEFAULT_BACKOFF, () => 1),
    );
    expect(caps).toEqual([500, 1000, 2000, 4000, 8000, 10000, 10000, 10000]);
  });

  it('picks a uniformly random delay below the cap (full jitter)', () => {
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0)).toBe(0);
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0.25)).toBe(500);
    for (let i = 0; i < 50; i++) {
      const delay = backoffDelay(4, DEFAULT_BACKOFF);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(4000);
    }
  });
});
