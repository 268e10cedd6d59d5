import { parseImage } from '../checks/workload/image';
import { cidrContains } from './cidr';
import { formatAge, parseGoDuration } from './duration';
import { selectorMatches } from './objects';
import { fieldPath, joinPaths, parseFieldPath } from './paths';
import { SelectorIndex } from './selectorIndex';

describe('cidrContains', () => {
  it.each([
    ['0.0.0.0/0', true],
    ['169.254.0.0/16', true],
    ['169.254.169.254/32', true],
    ['169.254.169.254', true],
    ['169.254.169.0/24', true],
    ['10.0.0.0/8', false],
    ['169.254.170.0/24', false],
    ['::/0', false],
    ['not-an-ip/8', false],
    ['169.254.0.0/33', false],
  ])('%s contains 169.254.169.254: %s', (cidr, expected) => {
    expect(cidrContains(cidr, '169.254.169.254')).toBe(expected);
  });
});

describe('parseGoDuration', () => {
  it.each([
    ['1h', 3600],
    ['15m', 900],
    ['1h30m0s', 5400],
    ['500ms', 0.5],
    ['0', 0],
    ['1d', undefined],
    ['soon', undefined],
  ])('%s is %s seconds', (text, seconds) => {
    expect(parseGoDuration(text)).toBe(seconds);
  });

  it('formats ages for messages', () => {
    expect([30, 900, 5 * 3600, 3 * 86400].map(formatAge)).toEqual([
      '30s',
      '15m',
      '5h',
      '3d',
    ]);
  });
});

describe('field paths', () => {
  it('quotes keys that are not identifiers and parses them back', () => {
    const path = fieldPath(
      'metadata',
      'annotations',
      'kubernetes.io/ingress.class',
    );
    expect(path).toBe("metadata.annotations['kubernetes.io/ingress.class']");
    expect(parseFieldPath(path)).toEqual([
      'metadata',
      'annotations',
      'kubernetes.io/ingress.class',
    ]);
    const nested = joinPaths(
      'spec.template.spec',
      fieldPath('containers', 0),
      'securityContext.runAsNonRoot',
    );
    expect(nested).toBe(
      'spec.template.spec.containers[0].securityContext.runAsNonRoot',
    );
    expect(parseFieldPath(nested)).toEqual([
      'spec',
      'template',
      'spec',
      'containers',
      0,
      'securityContext',
      'runAsNonRoot',
    ]);
  });
});

describe('selectorMatches', () => {
  const labels = { app: 'web', tier: 'frontend' };
  it.each([
    [{}, true],
    [{ matchLabels: { app: 'web' } }, true],
    [{ matchLabels: { app: 'api' } }, false],
    [
      {
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['frontend', 'edge'] },
        ],
      },
      true,
    ],
    [
      {
        matchExpressions: [
          { key: 'tier', operator: 'NotIn', values: ['frontend'] },
        ],
      },
      false,
    ],
    [{ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, true],
    [{ matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] }, true],
    [
      { matchExpressions: [{ key: 'app', operator: 'Gt', values: ['1'] }] },
      false,
    ],
    [undefined, false],
  ])('%j selects app=web,tier=frontend: %s', (selector, expected) => {
    expect(selectorMatches(selector, labels)).toBe(expected);
  });
});

describe('parseImage', () => {
  it.each([
    ['nginx', {}],
    ['nginx:1.27', { tag: '1.27' }],
    ['registry:5000/team/app', {}],
    ['registry:5000/team/app:2.0', { tag: '2.0' }],
    ['app@sha256:abc', { digest: 'sha256:abc' }],
    ['app:1.0@sha256:abc', { tag: '1.0', digest: 'sha256:abc' }],
  ])('%s', (image, expected) => {
    expect(parseImage(image)).toEqual({
      tag: undefined,
      digest: undefined,
      ...expected,
    });
  });
});

describe('SelectorIndex', () => {
  const selectors = {
    web: { matchLabels: { app: 'web', tier: 'frontend' } },
    api: { matchLabels: { app: 'api' } },
    frontends: {
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['frontend'] }],
    },
    none: undefined,
  };
  const index = new SelectorIndex(
    Object.keys(selectors) as Array<keyof typeof selectors>,
    name => selectors[name],
  );

  it('finds a selector filed under one of the labels', () => {
    expect(index.find({ app: 'api', tier: 'backend' })).toBe('api');
    expect(index.find({ tier: 'frontend', app: 'web' })).toBe('web');
  });

  it('falls back to selectors without matchLabels, and finds nothing when none selects', () => {
    expect(index.find({ app: 'shop', tier: 'frontend' })).toBe('frontends');
    expect(index.find({ app: 'shop' })).toBeUndefined();
  });
});
