import { Entity } from '@backstage/catalog-model';
import { resourceKey } from '@hatchway/plugin-readiness-common';
import { KubernetesObject } from '@hatchway/plugin-readiness-node';
import { entitySelector, EntitySelector } from './entitySelectors';
import { ResourceEntityIndex } from './ResourceEntityIndex';

function entity(
  name: string,
  annotations: Record<string, string>,
  spec: Entity['spec'] = { owner: 'team-a' },
  kind = 'Component',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', annotations },
    spec,
  };
}

const deployment = (
  name: string,
  namespace: string,
  labels: Record<string, string>,
  podLabels: Record<string, string>,
): KubernetesObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace, labels },
  spec: { template: { metadata: { labels: podLabels } } },
});

const pod = (
  name: string,
  namespace: string,
  labels: Record<string, string>,
) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, labels },
});

const selectors = (...entities: Entity[]) =>
  entities.map(entitySelector).filter((s): s is EntitySelector => !!s);

describe('entity selectors', () => {
  it('reads the Kubernetes plugin annotations and resolves the owner', () => {
    expect(
      entitySelector(
        entity('shop-api', {
          'backstage.io/kubernetes-id': 'shop-api',
          'backstage.io/kubernetes-namespace': 'shop',
        }),
      ),
    ).toEqual({
      entityRef: 'component:default/shop-api',
      owner: 'group:default/team-a',
      description: { kubernetesId: 'shop-api', namespace: 'shop' },
      kubernetesId: 'shop-api',
      namespace: 'shop',
    });
    expect(entitySelector(entity('plain', {}))).toBeUndefined();
    expect(
      entitySelector(
        entity('bad', { 'backstage.io/kubernetes-label-selector': 'a=>b' }),
      ),
    ).toBeUndefined();
    expect(
      entitySelector(
        entity(
          'owned',
          { 'backstage.io/kubernetes-id': 'x' },
          {
            owner: 'user:default/jane',
          },
        ),
      )?.owner,
    ).toBe('user:default/jane');
  });

  it('lets the label selector win over the id, as the Kubernetes plugin does', () => {
    expect(
      entitySelector(
        entity('both', {
          'backstage.io/kubernetes-id': 'x',
          'backstage.io/kubernetes-label-selector': 'app=web',
        }),
      )?.description,
    ).toEqual({ labelSelector: 'app=web' });
  });
});

describe('ResourceEntityIndex', () => {
  const index = new ResourceEntityIndex(
    selectors(
      entity('shop-api', { 'backstage.io/kubernetes-id': 'shop-api' }),
      entity(
        'shop-in-shop',
        {
          'backstage.io/kubernetes-id': 'shop-api',
          'backstage.io/kubernetes-namespace': 'shop',
        },
        {},
        'System',
      ),
      entity('web', {
        'backstage.io/kubernetes-label-selector': 'app=web,env in (prod)',
      }),
    ),
  );
  const refs = (object: KubernetesObject) =>
    index
      .entitiesOf(object)
      .map(s => s.entityRef)
      .sort();

  it('maps workloads through their own labels and their pod template labels', () => {
    expect(
      refs(
        deployment(
          'a',
          'shop',
          { 'backstage.io/kubernetes-id': 'shop-api' },
          {},
        ),
      ),
    ).toEqual(['component:default/shop-api', 'system:default/shop-in-shop']);
    expect(
      refs(
        deployment(
          'b',
          'other',
          {},
          { 'backstage.io/kubernetes-id': 'shop-api' },
        ),
      ),
    ).toEqual(['component:default/shop-api']);
    expect(
      refs(deployment('c', 'shop', { app: 'web', env: 'prod' }, {})),
    ).toEqual(['component:default/web']);
    expect(
      refs(deployment('d', 'shop', { app: 'web', env: 'dev' }, {})),
    ).toEqual([]);
  });

  it('maps pods and other objects through their own labels only', () => {
    expect(
      refs(pod('p', 'shop', { 'backstage.io/kubernetes-id': 'shop-api' })),
    ).toEqual(['component:default/shop-api', 'system:default/shop-in-shop']);
    expect(
      refs({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 's', namespace: 'x', labels: {} },
        spec: {
          template: { metadata: { labels: { app: 'web', env: 'prod' } } },
        },
      }),
    ).toEqual([]);
  });

  it('honours the namespace annotation, a Namespace counting as its own namespace', () => {
    expect(
      refs({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name: 'shop',
          labels: { 'backstage.io/kubernetes-id': 'shop-api' },
        },
      }),
    ).toEqual(['component:default/shop-api', 'system:default/shop-in-shop']);
  });

  it('records each resource once per entity, keyed like the findings', () => {
    const records = index.map('prod', [
      deployment('a', 'shop', { 'backstage.io/kubernetes-id': 'shop-api' }, {}),
      pod('unmapped', 'shop', {}),
    ]);
    const key = resourceKey({
      cluster: 'prod',
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'shop',
      name: 'a',
    });
    expect(records).toEqual([
      {
        resourceKey: key,
        entityRef: 'component:default/shop-api',
        owner: 'group:default/team-a',
      },
      { resourceKey: key, entityRef: 'system:default/shop-in-shop' },
    ]);
  });
});
