import { ResourceRef, resourceKey } from '@hatchway/plugin-readiness-common';
import { ResourceIndex } from './resourceIndex';

const ref = (over: Partial<ResourceRef> = {}): ResourceRef => ({
  kind: 'Deployment',
  name: 'web',
  apiVersion: 'apps/v1',
  namespace: 'shop',
  ...over,
});

describe('ResourceIndex', () => {
  it('numbers resources in the order they first come, one number per resourceKey', () => {
    const index = new ResourceIndex();
    const refs = [
      ref(),
      ref({ name: 'api' }),
      // Another object of the same resource, read with another version of its group.
      ref({ apiVersion: 'apps/v1beta2' }),
      ref({ namespace: undefined, kind: 'ClusterRole', apiVersion: 'rbac/v1' }),
      ref({ cluster: 'prod' }),
      ref({ kind: 'Pod', apiVersion: 'v1' }),
      ref({ namespace: 'other' }),
    ];
    expect(refs.map(r => index.numberOf(r))).toEqual([0, 1, 0, 2, 3, 4, 5]);
    expect(index.keys).toEqual(
      [0, 1, 3, 4, 5, 6].map(i => resourceKey(refs[i])),
    );
    expect(index.refs).toEqual([0, 1, 3, 4, 5, 6].map(i => refs[i]));
  });

  it('numbers resources with the separator in a part by their whole key, as resourceKey joins them', () => {
    const index = new ResourceIndex();
    // Different parts, one key: resourceKey makes them one resource.
    const a = ref({ namespace: 'a|b', name: 'c' });
    const b = ref({ namespace: 'a', name: 'b|c' });
    expect(resourceKey(a)).toBe(resourceKey(b));
    expect(index.numberOf(a)).toBe(0);
    expect(index.numberOf(b)).toBe(0);
    // Never the same as a resource without the separator in its parts.
    expect(index.numberOf(ref({ namespace: 'a', name: 'c' }))).toBe(1);
    expect(index.keys).toEqual([resourceKey(a), '|apps|Deployment|a|c']);
  });

  it('treats a missing cluster or namespace as resourceKey does, as empty', () => {
    const index = new ResourceIndex();
    expect(index.numberOf(ref({ cluster: undefined }))).toBe(0);
    expect(index.numberOf(ref({ cluster: '' }))).toBe(0);
    expect(index.numberOf(ref({ namespace: '' }))).toBe(1);
    expect(index.numberOf(ref({ namespace: undefined }))).toBe(1);
    expect(index.keys).toEqual([
      resourceKey(ref()),
      resourceKey(ref({ namespace: undefined })),
    ]);
  });
});
