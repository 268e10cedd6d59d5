import { vcluster } from '../__testUtils__/fixtures';
import { AFTER_ACTION_MS, intervalFor } from './pollIntervals';

const intervals = { active: 2500, idle: 15_000 };
const longAgo = AFTER_ACTION_MS + 1;

describe('intervalFor', () => {
  it('polls fast while a vCluster is provisioning or being deleted', () => {
    expect(
      intervalFor(
        [vcluster(), vcluster({ phase: 'Provisioning' })],
        intervals,
        longAgo,
      ),
    ).toBe(2500);
    expect(
      intervalFor([vcluster({ phase: 'Deleting' })], intervals, longAgo),
    ).toBe(2500);
  });

  it('polls slowly when nothing moves by itself', () => {
    expect(
      intervalFor(
        [vcluster(), vcluster({ phase: 'Sleeping' })],
        intervals,
        longAgo,
      ),
    ).toBe(15_000);
    expect(intervalFor([], intervals, longAgo)).toBe(15_000);
  });

  it('polls fast for a while after the user changed something', () => {
    expect(intervalFor([vcluster()], intervals, 1_000)).toBe(2500);
  });
});
