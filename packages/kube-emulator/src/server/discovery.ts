import type { ResourceRegistry } from '../api/registry';
import { groupVersion, ResourceType } from '../api/resourceType';
import { compareVersions } from '../api/crds';

/** The version the emulator reports (a 1.33 API server, matching the bundled kubectl). */
export const VERSION_INFO = {
  major: '1',
  minor: '33',
  emulationMajor: '1',
  emulationMinor: '33',
  minCompatibilityMajor: '1',
  minCompatibilityMinor: '32',
  gitVersion: 'v1.33.0-hatchway',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2025-04-23T00:00:00Z',
  goVersion: 'go1.24.2',
  compiler: 'gc',
  platform: 'linux/amd64',
};

/** `/api`: the core group's versions. */
export function apiVersions(serverAddress: string): object {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function apiGroup(name: string, versions: string[]): object {
  const sorted = [...versions].sort(compareVersions);
  const entries = sorted.map(v => ({
    groupVersion: `${name}/${v}`,
    version: v,
  }));
  return { name, versions: entries, preferredVersion: entries[0] };
}

/** `/apis`: every non-core group. */
export function apiGroupList(registry: ResourceRegistry): object {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: registry.groups().map(g => apiGroup(g.name, g.versions)),
  };
}

/** `/apis/<group>`, or undefined if the group is not served. */
export function apiGroupInfo(
  registry: ResourceRegistry,
  group: string,
): object | undefined {
  const g = registry.groups().find(x => x.name === group);
  return g
    ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(g.name, g.versions) }
    : undefined;
}

function subresourceEntries(rt: ResourceType): object[] {
  const out: object[] = [];
  const base = { singularName: '', namespaced: rt.namespaced };
  const sub = rt.subresources;
  if (sub.status)
    out.push({
      name: `${rt.plural}/status`,
      ...base,
      kind: rt.kind,
      verbs: ['get', 'patch', 'update'],
    });
  if (sub.scale) {
    out.push({
      name: `${rt.plural}/scale`,
      ...base,
      group: 'autoscaling',
      version: 'v1',
      kind: 'Scale',
      verbs: ['get', 'patch', 'update'],
    });
  }
  if (sub.log)
    out.push({
      name: `${rt.plural}/log`,
      ...base,
      kind: 'Pod',
      verbs: ['get'],
    });
  if (sub.binding)
    out.push({
      name: `${rt.plural}/binding`,
      ...base,
      kind: 'Binding',
      verbs: ['create'],
    });
  if (sub.token) {
    out.push({
      name: `${rt.plural}/token`,
      ...base,
      group: 'authentication.k8s.io',
      version: 'v1',
      kind: 'TokenRequest',
      verbs: ['create'],
    });
  }
  if (sub.finalize)
    out.push({
      name: `${rt.plural}/finalize`,
      ...base,
      kind: rt.kind,
      verbs: ['update'],
    });
  return out;
}

/** `/api/v1`, `/apis/<group>/<version>`: the APIResourceList kubectl and client-node discover kinds from. */
export function apiResourceList(
  registry: ResourceRegistry,
  group: string,
  version: string,
): object | undefined {
  const types = registry.resourcesAt(group, version);
  if (types.length === 0) return undefined;
  const resources: object[] = [];
  for (const rt of types) {
    const entry: Record<string, unknown> = {
      name: rt.plural,
      singularName: rt.singular,
      namespaced: rt.namespaced,
      kind: rt.kind,
      verbs: rt.verbs,
    };
    if (rt.shortNames.length) entry.shortNames = rt.shortNames;
    if (rt.categories.length) entry.categories = rt.categories;
    // The main resource precedes its subresources: clients pick the first entry with a matching kind.
    resources.push(entry, ...subresourceEntries(rt));
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: groupVersion(group, version),
    resources,
  };
}
