import { AuthService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  entitySelector,
  EntitySelector,
  MAPPED_KINDS,
} from './entitySelectors';

/** The catalog side of the mapping, read with the plugin's own service credentials. */
export interface EntitySelectorSource {
  /** Selectors of every Component, System and Resource with a Kubernetes annotation. */
  selectors(): Promise<EntitySelector[]>;
  /** One entity, or undefined when the catalog does not have it. */
  getEntity(entityRef: string): Promise<Entity | undefined>;
}

const FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.annotations',
  'spec.owner',
];

export class CatalogEntitySelectors implements EntitySelectorSource {
  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  async selectors(): Promise<EntitySelector[]> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const selectors: EntitySelector[] = [];
    for await (const page of this.catalog.streamEntities(
      { filter: { kind: MAPPED_KINDS }, fields: FIELDS },
      { credentials },
    )) {
      for (const entity of page) {
        const selector = entitySelector(entity);
        if (selector) selectors.push(selector);
      }
    }
    return selectors;
  }

  async getEntity(entityRef: string): Promise<Entity | undefined> {
    const credentials = await this.auth.getOwnServiceCredentials();
    return this.catalog.getEntityByRef(entityRef, { credentials });
  }
}
