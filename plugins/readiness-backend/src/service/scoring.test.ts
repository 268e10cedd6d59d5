import { Finding } from '@hatchway/plugin-readiness-common';
import { scoreFindings } from '@hatchway/plugin-readiness-node';
import { finding } from '../__testUtils__/findings';
import { FindingCount } from '../database/types';
import { CheckCatalog } from './CheckCatalog';
import {
  categoryScores,
  scoreFromCounts,
  topFailingChecks,
  trendPoints,
} from './scoring';
import { DEFAULT_LEVELS } from '@hatchway/plugin-readiness-common';

const findings: Finding[] = [
  finding().finding,
  finding({ status: 'passed' }).finding,
  finding({
    status: 'passed',
    category: 'efficiency',
    severity: 'warning',
    checkId: 'cpu-limits',
  }).finding,
  finding({
    status: 'failed',
    category: 'efficiency',
    severity: 'warning',
    checkId: 'cpu-limits',
  }).finding,
  finding({
    status: 'failed',
    category: 'efficiency',
    severity: 'warning',
    checkId: 'cpu-limits',
    container: 'b',
  }).finding,
  finding({ status: 'exempted', checkId: 'not-privileged' }).finding,
  finding({ status: 'skipped', checkId: 'policy-report' }).finding,
];

function countsOf(list: Finding[]): FindingCount[] {
  const map = new Map<string, FindingCount>();
  for (const f of list) {
    const key = `${f.severity}|${f.category}|${f.status}`;
    const entry = map.get(key) ?? {
      cluster: 'c',
      severity: f.severity,
      category: f.category,
      status: f.status,
      count: 0,
    };
    entry.count += 1;
    map.set(key, entry);
  }
  return [...map.values()];
}

describe('scoring stored findings', () => {
  it('scores database counts exactly as the engine scores the findings', () => {
    expect(scoreFromCounts(countsOf(findings), DEFAULT_LEVELS)).toEqual(
      scoreFindings(findings),
    );
    expect(scoreFromCounts([], DEFAULT_LEVELS)).toEqual(scoreFindings([]));
  });

  it('scores each category on its own findings', () => {
    const scores = categoryScores(countsOf(findings), DEFAULT_LEVELS);
    expect(scores.security).toBe(50); // 1 passed, 1 danger failed
    expect(scores.efficiency).toBe(50); // 1 passed, 2 warnings failed: 200 / 4
    expect(scores.rbac).toBe(100);
  });

  it('lists the checks failing most, danger first', () => {
    const top = topFailingChecks(
      findings,
      CheckCatalog.fromOptions({ profile: 'default', overrides: {} }),
      5,
    );
    expect(top.map(t => [t.checkId, t.severity, t.failed])).toEqual([
      ['run-as-non-root', 'danger', 1],
      ['cpu-limits', 'warning', 2],
    ]);
    expect(top[0].title).toMatch(/non-root/i);
    expect(top[0].remediation).toBeTruthy();
  });

  it('adds up clusters per day for trends', () => {
    const a = scoreFindings([finding().finding]);
    const b = scoreFindings([finding({ status: 'passed' }).finding]);
    expect(
      trendPoints(
        [
          { day: '2026-01-02', cluster: 'x', score: b },
          { day: '2026-01-01', cluster: 'x', score: a },
          { day: '2026-01-01', cluster: 'y', score: b },
        ],
        DEFAULT_LEVELS,
      ).map(p => [p.day, p.score, p.level]),
    ).toEqual([
      ['2026-01-01', 50, 'none'],
      ['2026-01-02', 100, 'gold'],
    ]);
  });
});

describe('CheckCatalog', () => {
  const catalog = CheckCatalog.fromOptions({
    profile: 'production',
    overrides: { checks: { 'image-tag': { severity: 'danger' }, nope: {} } },
  });

  it('applies the profile and overrides and keeps their warnings', () => {
    expect(catalog.get('image-digest')).toMatchObject({
      enabled: true,
      severity: 'danger',
    });
    expect(catalog.get('image-tag')?.severity).toBe('danger');
    expect(catalog.warnings).toEqual([
      'Override for unknown check "nope" ignored',
    ]);
  });

  it.each([
    ['*', true],
    ['run-as-non-root', true],
    ['policy-report:disallow-latest-tag', true],
    ['policy-report:disallow-latest-tag/validate-image-tag', true],
    ['policy-report:', false],
    ['run-as-non-root:x', false],
    ['no-such-check', false],
  ])('%s may be exempted: %s', (id, expected) => {
    expect(catalog.isExemptable(id)).toBe(expected);
  });
});
