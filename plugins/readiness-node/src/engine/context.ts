import { ResourceRef } from '@hatchway/plugin-readiness-common';
import { apiGroup, namespaceOf, refOf } from '../kube/objects';
import { KubernetesObject } from '../kube/types';
import { toWorkload, Workload } from '../kube/workloads';
import { CheckContext, CheckSettings } from './types';

/** The capabilities that give a container host-level power. */
export const DEFAULT_DANGEROUS_CAPABILITIES = [
  'ALL',
  'SYS_ADMIN',
  'NET_ADMIN',
  'NET_RAW',
  'SYS_PTRACE',
  'SYS_MODULE',
  'SYS_RAWIO',
  'SYS_BOOT',
  'SYS_TIME',
  'DAC_READ_SEARCH',
  'BPF',
  'PERFMON',
  'MKNOD',
];

/** Options for {@link buildContext}. */
export interface ContextOptions {
  now: Date;
  settings?: CheckSettings;
  cluster?: string;
  defaultNamespace: string;
}

const EMPTY: readonly KubernetesObject[] = [];

/**
 * Indexes the object set once so every check can look things up by kind and namespace
 * instead of scanning all objects (the engine must stay fast at 50,000 pods).
 */
export function buildContext(
  objects: readonly KubernetesObject[],
  options: ContextOptions,
): CheckContext {
  const { defaultNamespace, cluster } = options;
  // Nested maps keyed by the objects' own strings: no key is built per object, which at
  // 100,000 objects matters more than the lookups.
  const byKind = new Map<string, KubernetesObject[]>();
  const byNamespace = new Map<string, Map<string, KubernetesObject[]>>();
  const namespaces = new Set<string>();
  const workloads: Workload[] = [];
  // A Map, not a WeakMap: it lives only as long as the evaluation, and at 100,000 objects a
  // WeakMap's ephemerons cost the garbage collector far more than the lookups.
  const refs = new Map<KubernetesObject, ResourceRef>();

  for (const object of objects) {
    const kind = object.kind ?? '';
    const namespace = namespaceOf(object, defaultNamespace);
    let list = byKind.get(kind);
    if (!list) {
      list = [];
      byKind.set(kind, list);
      byNamespace.set(kind, new Map());
    }
    list.push(object);
    const kindNamespaces = byNamespace.get(kind)!;
    const nsKey = namespace ?? '';
    let nsList = kindNamespaces.get(nsKey);
    if (!nsList) {
      nsList = [];
      kindNamespaces.set(nsKey, nsList);
    }
    nsList.push(object);
    if (kind === 'Namespace' && object.metadata?.name)
      namespaces.add(object.metadata.name);
    const workload = toWorkload(object);
    if (workload) {
      workloads.push(workload);
      if (namespace) namespaces.add(namespace);
    }
  }

  // By kind, namespace and name; built per kind when a check first looks one up.
  const byName = new Map<string, Map<string, KubernetesObject>>();
  const namesOf = (kind: string) => {
    let names = byName.get(kind);
    if (!names) {
      names = new Map();
      for (const [ns, list] of byNamespace.get(kind) ?? []) {
        for (const object of list) {
          names.set(`${ns}|${object.metadata?.name ?? ''}`, object);
        }
      }
      byName.set(kind, names);
    }
    return names;
  };

  const memos = new Map<string, unknown>();
  const settings = options.settings ?? {};
  return {
    now: options.now,
    settings: {
      ...settings,
      restartThreshold: settings.restartThreshold ?? 5,
      certificateExpiryDays: settings.certificateExpiryDays ?? 14,
      dangerousCapabilities:
        settings.dangerousCapabilities ?? DEFAULT_DANGEROUS_CAPABILITIES,
      secretsListed: settings.secretsListed ?? byKind.has('Secret'),
    },
    objects,
    workloads,
    namespaces: [...namespaces].sort(),
    ofKind(kind, group) {
      const list = byKind.get(kind) ?? EMPTY;
      return group === undefined
        ? list
        : list.filter(o => apiGroup(o.apiVersion) === group);
    },
    inNamespace(kind, namespace) {
      return byNamespace.get(kind)?.get(namespace) ?? EMPTY;
    },
    find(kind, namespace, name) {
      return namesOf(kind).get(`${namespace ?? ''}|${name}`);
    },
    namespaceOf: object => namespaceOf(object, defaultNamespace),
    ref(object) {
      let ref = refs.get(object);
      if (!ref) {
        ref = refOf(object, defaultNamespace, cluster);
        refs.set(object, ref);
      }
      return ref;
    },
    memo<T>(key: string, compute: () => T): T {
      if (!memos.has(key)) memos.set(key, compute());
      return memos.get(key) as T;
    },
    namespaceRef(namespace) {
      // The one shape of every ref (see refOf).
      const ref: ResourceRef = {
        kind: 'Namespace',
        name: namespace,
        apiVersion: 'v1',
        namespace: undefined,
        cluster,
      };
      return ref;
    },
  };
}
