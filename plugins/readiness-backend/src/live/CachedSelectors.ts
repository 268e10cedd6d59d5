import { EntitySelectorSource } from '../mapping/CatalogEntitySelectors';
import { EntitySelector } from '../mapping/entitySelectors';

/**
 * The catalog's selectors, read at most once per `ttlMs`: a burst of live updates must not be a
 * burst of catalog queries. An entity added to the catalog maps from the next read (or scan) on.
 */
export function cachedSelectors(
  source: EntitySelectorSource,
  ttlMs: number,
): () => Promise<EntitySelector[]> {
  let cached: { at: number; selectors: Promise<EntitySelector[]> } | undefined;
  return () => {
    const now = Date.now();
    if (!cached || now - cached.at > ttlMs) {
      const selectors = source.selectors();
      cached = { at: now, selectors };
      // A failed read is not kept.
      selectors.catch(() => {
        if (cached?.selectors === selectors) cached = undefined;
      });
    }
    return cached.selectors;
  };
}
