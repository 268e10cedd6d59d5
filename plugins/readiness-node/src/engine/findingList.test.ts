import { Finding } from '@hatchway/plugin-readiness-common';
import { FindingList } from './findingList';

const finding = (n: number): Finding => ({
  checkId: `check-${n}`,
  resource: { apiVersion: 'v1', kind: 'Pod', name: `pod-${n}` },
  severity: 'warning',
  category: 'reliability',
  status: 'passed',
  message: `finding ${n}`,
});

const ids = (findings: Finding[]) => findings.map(f => f.checkId);

describe('FindingList', () => {
  it('gives back every finding in the order recorded, across many chunks', () => {
    const list = new FindingList();
    for (let n = 0; n < 10_000; n++) list.push(finding(n));
    expect(list.length).toBe(10_000);
    const all = list.toArray();
    expect(all).toHaveLength(10_000);
    expect(ids(all)).toEqual(
      Array.from({ length: 10_000 }, (_, n) => `check-${n}`),
    );
  });

  it.each([0, 1, 4095, 4096, 4097, 8192, 9000])(
    'drops what was recorded after the first %i findings',
    length => {
      const list = new FindingList();
      for (let n = 0; n < 9000; n++) list.push(finding(n));
      list.truncate(length);
      expect(list.length).toBe(length);
      list.push(finding(-1));
      const all = list.toArray();
      expect(all).toHaveLength(length + 1);
      expect(ids(all)).toEqual([
        ...Array.from({ length }, (_, n) => `check-${n}`),
        'check--1',
      ]);
    },
  );
});
