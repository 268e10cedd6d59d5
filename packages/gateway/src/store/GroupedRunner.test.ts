import { GroupedRunner } from './GroupedRunner';

/** A group runner whose groups finish only when the test says so. */
function heldGroups(maxInFlight: number, maxGroupSize = 100, lingerMs = 0) {
  const groups: Array<{ inputs: number[]; finish(): void; fail(): void }> = [];
  const runner = new GroupedRunner<number, string>(
    inputs =>
      new Promise((resolve, reject) => {
        groups.push({
          inputs,
          finish: () => resolve(inputs.map(i => `done ${i}`)),
          fail: () => reject(new Error('store away')),
        });
      }),
    { maxInFlight, maxGroupSize, lingerMs },
  );
  return { runner, groups };
}

const tick = () => new Promise(r => setImmediate(r));

describe('GroupedRunner', () => {
  it('runs a lone request at the end of the turn of the event loop, in a group of its own', async () => {
    const { runner, groups } = heldGroups(1, 100, 1000);
    const result = runner.run(1);
    await tick();
    expect(groups.map(g => g.inputs)).toEqual([[1]]);
    groups[0].finish();
    await expect(result).resolves.toBe('done 1');
  });

  it('puts the requests that wait for a running group into one next group, each answered with its own result', async () => {
    const { runner, groups } = heldGroups(1);
    const first = runner.run(1);
    await tick();
    const waiting = [2, 3, 4].map(i => runner.run(i));
    await tick();
    expect(groups).toHaveLength(1);
    groups[0].finish();
    await first;
    await tick();
    expect(groups.map(g => g.inputs)).toEqual([[1], [2, 3, 4]]);
    groups[1].finish();
    await expect(Promise.all(waiting)).resolves.toEqual([
      'done 2',
      'done 3',
      'done 4',
    ]);
  });

  it('keeps groups to their maximum size and runs as many at once as allowed', async () => {
    const { runner, groups } = heldGroups(2, 2);
    const all = [1, 2, 3, 4, 5].map(i => runner.run(i));
    await tick();
    expect(groups.map(g => g.inputs)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    groups[0].finish();
    await tick();
    expect(groups.map(g => g.inputs)).toEqual([[1, 2], [3, 4], [5]]);
    groups[1].finish();
    groups[2].finish();
    await expect(Promise.all(all)).resolves.toHaveLength(5);
  });

  it('fails every request of a failed group with its error, and later groups still run', async () => {
    const { runner, groups } = heldGroups(1);
    const first = runner.run(1);
    await tick();
    const second = runner.run(2);
    const third = runner.run(3);
    groups[0].fail();
    await expect(first).rejects.toThrow('store away');
    await tick();
    groups[1].fail();
    await expect(second).rejects.toThrow('store away');
    await expect(third).rejects.toThrow('store away');
    const later = runner.run(4);
    await tick();
    groups[2].finish();
    await expect(later).resolves.toBe('done 4');
  });

  it('lets a request that follows another within lingerMs wait that long for company', async () => {
    // A long linger, so that a busy test machine cannot stretch the gap between the two
    // requests past it.
    const { runner, groups } = heldGroups(1, 100, 1000);
    const first = runner.run(1);
    await tick();
    groups[0].finish();
    await first;
    const later = [2, 3].map(i => runner.run(i));
    await tick();
    expect(groups).toHaveLength(1);
    await new Promise(r => setTimeout(r, 1100));
    expect(groups.map(g => g.inputs)).toEqual([[1], [2, 3]]);
    groups[1].finish();
    await expect(Promise.all(later)).resolves.toEqual(['done 2', 'done 3']);
  });
});
