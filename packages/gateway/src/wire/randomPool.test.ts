import { fillRandom } from './randomPool';

describe('fillRandom', () => {
  it('hands out fresh bytes every time, across refills of the pool', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const key = Buffer.alloc(16);
      fillRandom(key, 0, 16);
      seen.add(key.toString('hex'));
    }
    // 2,000 draws of 16 bytes span eight refills of the 4 KiB pool; a repeat would mean reuse.
    expect(seen.size).toBe(2000);
  });

  it('writes only the requested range of the target', () => {
    const target = Buffer.alloc(10, 0xaa);
    fillRandom(target, 3, 4);
    expect([...target.subarray(0, 3), ...target.subarray(7)]).toEqual([
      0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa,
    ]);
  });
});
