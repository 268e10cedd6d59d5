import { builtinResources } from './builtinResources';
import { groupVersion, keyOf, ResourceType, typeKey } from './resourceType';

/** The set of resources the server serves: the built-ins plus whatever CRDs add. */
export class ResourceRegistry {
  private readonly byKey = new Map<string, ResourceType>();
  private readonly custom = new Map<string, string>(); // CRD name -> type key

  constructor() {
    for (const rt of builtinResources()) this.byKey.set(keyOf(rt), rt);
  }

  /** The resource at group/version/plural, if that version is served. */
  lookup(
    group: string,
    version: string,
    plural: string,
  ): ResourceType | undefined {
    const rt = this.byKey.get(typeKey(group, plural));
    return rt && rt.versions.includes(version) ? rt : undefined;
  }

  /** True if anything is served at group/version. */
  servesGroupVersion(group: string, version: string): boolean {
    for (const rt of this.byKey.values())
      if (rt.group === group && rt.versions.includes(version)) return true;
    return false;
  }

  byTypeKey(key: string): ResourceType | undefined {
    return this.byKey.get(key);
  }

  /** Finds the resource serving apiVersion + kind (the version need not be preferred). */
  byKind(apiVersion: string, kind: string): ResourceType | undefined {
    const [group, version] = apiVersion.includes('/')
      ? apiVersion.split('/')
      : ['', apiVersion];
    for (const rt of this.byKey.values()) {
      if (
        rt.group === group &&
        rt.kind === kind &&
        rt.versions.includes(version)
      )
        return rt;
    }
    return undefined;
  }

  all(): ResourceType[] {
    return [...this.byKey.values()];
  }

  /** Serves (or re-serves) the resource of a CRD. Built-in resources cannot be replaced. */
  registerCustom(crdName: string, rt: ResourceType): boolean {
    const key = keyOf(rt);
    const existing = this.byKey.get(key);
    if (existing && !existing.custom) return false;
    const previous = this.custom.get(crdName);
    if (previous && previous !== key) this.byKey.delete(previous);
    this.byKey.set(key, rt);
    this.custom.set(crdName, key);
    return true;
  }

  /** Stops serving a CRD's resource; returns its type key. */
  unregisterCustom(crdName: string): string | undefined {
    const key = this.custom.get(crdName);
    if (!key) return undefined;
    this.custom.delete(crdName);
    this.byKey.delete(key);
    return key;
  }

  /** Groups with their served versions, preferred first; core ('') excluded. */
  groups(): Array<{ name: string; versions: string[] }> {
    const groups = new Map<string, string[]>();
    for (const rt of this.byKey.values()) {
      if (!rt.group) continue;
      const list = groups.get(rt.group) ?? [];
      for (const v of rt.versions) if (!list.includes(v)) list.push(v);
      groups.set(rt.group, list);
    }
    return [...groups.entries()].map(([name, versions]) => ({
      name,
      versions,
    }));
  }

  /** Resources served at a group version. */
  resourcesAt(group: string, version: string): ResourceType[] {
    return this.all().filter(
      rt => rt.group === group && rt.versions.includes(version),
    );
  }
}

export { groupVersion };
