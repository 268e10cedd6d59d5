import { ResourceRef, resourceKey } from '@hatchway/plugin-readiness-common';

type Level<T> = Map<string, T>;

/** A part of a resource key as `resourceKey` writes it (`[...].join('|')`: nullish is ''). */
const part = (value: unknown): string =>
  value === undefined || value === null ? '' : `${value}`;

/**
 * Numbers resources by {@link resourceKey}, in the order they are first added, without hashing
 * each resource's whole key: the parts (cluster, API group, kind, namespace, name) are looked up
 * in nested maps of a few hundred entries at most. Hashing 70,000 freshly built 50-character keys
 * into one map of every resource cost as much as the rest of per-resource scoring. A part holding
 * the separator `|` could make two resources with different parts share a key: such resources
 * are numbered by their whole key instead (a key with more than four separators is never the key
 * of a resource without any in its parts, so the two ways never disagree).
 */
export class ResourceIndex {
  private readonly byParts: Level<Level<Level<Level<Level<number>>>>> =
    new Map();
  private readonly byKey = new Map<string, number>();
  /** The API group of each apiVersion seen: one string object per group, its hash kept. */
  private readonly groups = new Map<string, string>();
  /** Every resource's key, by number. */
  readonly keys: string[] = [];
  /** The first ref of every resource, by number. */
  readonly refs: ResourceRef[] = [];

  /** The resource's number: a resource not seen before gets the next one. */
  numberOf(ref: ResourceRef): number {
    const apiVersion = ref.apiVersion;
    let group = this.groups.get(apiVersion);
    if (group === undefined) {
      const slash = apiVersion.indexOf('/');
      group = slash < 0 ? '' : apiVersion.slice(0, slash);
      this.groups.set(apiVersion, group);
    }
    const cluster = part(ref.cluster);
    const kind = part(ref.kind);
    const namespace = part(ref.namespace);
    const name = part(ref.name);
    if (
      cluster.includes('|') ||
      group.includes('|') ||
      kind.includes('|') ||
      namespace.includes('|') ||
      name.includes('|')
    ) {
      const key = resourceKey(ref);
      let number = this.byKey.get(key);
      if (number === undefined) {
        number = this.add(ref, key);
        this.byKey.set(key, number);
      }
      return number;
    }
    const names = this.level(
      this.level(this.level(this.level(this.byParts, cluster), group), kind),
      namespace,
    );
    let number = names.get(name);
    if (number === undefined) {
      number = this.add(ref, resourceKey(ref));
      names.set(name, number);
    }
    return number;
  }

  private level<T>(parent: Level<Level<T>>, key: string): Level<T> {
    let child = parent.get(key);
    if (!child) {
      child = new Map();
      parent.set(key, child);
    }
    return child;
  }

  private add(ref: ResourceRef, key: string): number {
    this.keys.push(key);
    this.refs.push(ref);
    return this.keys.length - 1;
  }
}
