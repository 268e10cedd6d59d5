import { DEFAULT_LEVELS } from './scores';
import {
  Exemption,
  exemptionCoversCheck,
  exemptionMatchesResource,
  isExemptionActive,
  validateExemption,
} from './exemptions';
import { formatResource, resourceKey } from './resources';

const web = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  name: 'web-api',
  namespace: 'shop',
  cluster: 'prod',
};

const exemption: Exemption = {
  id: 'ex-1',
  checkIds: ['not-privileged'],
  match: { namespace: 'shop' },
  reason: 'Needs it until the rebuild',
  owner: 'group:default/shop',
  expiresAt: '2025-07-01T00:00:00Z',
  createdBy: 'user:default/jane',
  createdAt: '2025-05-01T00:00:00Z',
};

describe('resources', () => {
  it('keys a resource the same whatever API version it was read with', () => {
    const v1 = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      name: 'web',
      namespace: 'shop',
    };
    expect(resourceKey(v1)).toBe(
      resourceKey({ ...v1, apiVersion: 'networking.k8s.io/v1beta1' }),
    );
    expect(resourceKey(v1)).not.toBe(
      resourceKey({ ...v1, namespace: 'other' }),
    );
    expect(resourceKey(v1)).not.toBe(resourceKey({ ...v1, cluster: 'prod' }));
  });

  it('formats a resource for people', () => {
    expect(formatResource(web)).toBe('Deployment shop/web-api');
    expect(
      formatResource({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        name: 'ops',
      }),
    ).toBe('ClusterRole ops');
  });
});

describe('exemptions', () => {
  it('applies until expiresAt and never with an unparseable expiry', () => {
    expect(isExemptionActive(exemption, new Date('2025-06-30T23:59:59Z'))).toBe(
      true,
    );
    expect(isExemptionActive(exemption, new Date('2025-07-01T00:00:00Z'))).toBe(
      false,
    );
    expect(
      isExemptionActive(
        { expiresAt: 'next week' },
        new Date('2025-01-01T00:00:00Z'),
      ),
    ).toBe(false);
  });

  it.each([
    [{}, true],
    [
      {
        cluster: 'prod',
        namespace: 'shop',
        kind: 'Deployment',
        namePrefix: 'web-',
      },
      true,
    ],
    [{ labels: { team: 'shop' } }, true],
    [{ labels: { team: 'other' } }, false],
    [{ cluster: 'dev' }, false],
    [{ namespace: 'other' }, false],
    [{ kind: 'StatefulSet' }, false],
    [{ namePrefix: 'api' }, false],
  ])('match %j covers the Deployment: %s', (match, expected) => {
    expect(exemptionMatchesResource(match, web, { team: 'shop' })).toBe(
      expected,
    );
  });

  it('matches a Namespace by its own name', () => {
    expect(
      exemptionMatchesResource(
        { namespace: 'shop' },
        { apiVersion: 'v1', kind: 'Namespace', name: 'shop' },
      ),
    ).toBe(true);
  });

  it('covers listed checks and * only', () => {
    expect(exemptionCoversCheck(['a', 'b'], ['b'])).toBe(true);
    expect(exemptionCoversCheck(['*'], ['anything'])).toBe(true);
    expect(exemptionCoversCheck(['a'], ['b'])).toBe(false);
  });

  it('validates what a backend must not store', () => {
    expect(validateExemption(exemption)).toEqual([]);
    expect(
      validateExemption({
        ...exemption,
        checkIds: [],
        reason: ' ',
        expiresAt: 'soon',
      }),
    ).toEqual([
      'checkIds must list at least one check id (or "*")',
      'reason is required',
      'expiresAt must be an ISO 8601 time',
    ]);
    expect(validateExemption({})).toHaveLength(8);
  });
});

describe('levels', () => {
  it('defaults to gold, silver and bronze, best first', () => {
    expect(DEFAULT_LEVELS.map(l => l.id)).toEqual(['gold', 'silver', 'bronze']);
  });
});
