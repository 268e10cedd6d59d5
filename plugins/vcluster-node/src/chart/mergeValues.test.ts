import { mergeValues } from './mergeValues';

describe('mergeValues (Helm coalescing)', () => {
  it('merges maps, replaces lists and scalars, and null removes a key', () => {
    const base = {
      resources: {
        limits: { memory: '2Gi', cpu: '1' },
        requests: { cpu: '200m' },
      },
      args: ['a', 'b'],
      enabled: 'auto',
      keep: 1,
    };
    const merged = mergeValues(base, {
      resources: { limits: { memory: '1Gi', cpu: null } },
      args: ['c'],
      enabled: true,
    });
    expect(merged).toEqual({
      resources: { limits: { memory: '1Gi' }, requests: { cpu: '200m' } },
      args: ['c'],
      enabled: true,
      keep: 1,
    });
    // The inputs are untouched.
    expect(base.resources.limits).toEqual({ memory: '2Gi', cpu: '1' });
  });
});
