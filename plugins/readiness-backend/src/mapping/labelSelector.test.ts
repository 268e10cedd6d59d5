import { matchesLabelSelector, parseLabelSelector } from './labelSelector';

const labels = { app: 'web', tier: 'frontend', env: 'prod' };

describe('label selectors', () => {
  it.each([
    ['app=web', true],
    ['app==web', true],
    ['app=api', false],
    ['app!=api', true],
    ['app!=web', false],
    ['env in (prod, staging)', true],
    ['env in (staging)', false],
    ['env notin (staging,dev)', true],
    ['env notin (prod)', false],
    ['tier', true],
    ['!tier', false],
    ['!legacy', true],
    ['missing!=x', true],
    ['app=web,env in (prod,staging),!legacy', true],
    ['app=web, tier=backend', false],
    ['', true],
  ])('%s selects the labels: %s', (selector, expected) => {
    expect(matchesLabelSelector(parseLabelSelector(selector), labels)).toBe(
      expected,
    );
  });

  it('keeps commas inside a set with the set', () => {
    expect(parseLabelSelector('env in (a,b),app=web')).toEqual([
      { key: 'env', op: 'in', values: ['a', 'b'] },
      { key: 'app', op: 'in', values: ['web'] },
    ]);
  });

  it('accepts prefixed keys as Kubernetes writes them', () => {
    const selector = parseLabelSelector('app.kubernetes.io/name=shop');
    expect(
      matchesLabelSelector(selector, { 'app.kubernetes.io/name': 'shop' }),
    ).toBe(true);
  });

  it.each(['app=>web', 'env in prod', '=web', 'app=we b'])(
    'rejects %s',
    selector => {
      expect(() => parseLabelSelector(selector)).toThrow(
        /Invalid label selector/,
      );
    },
  );
});
