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
  const byKind = new Map<string, KubernetesObject[]>();
  const byNamespace = new Map<string, KubernetesObject[]>();
  const byName = new Map<string, KubernetesObject>();
  const namespaces = new Set<string>();
  const workloads: Workload[] = [];
  const refs = new WeakMap<KubernetesObject, ResourceRef>();

  for (const object of objects) {
    const kind = object.kind ?? '';
    const namespace = namespaceOf(object, defaultNamespace);
    const list = byKind.get(kind) ?? [];
    list.push(object);
    byKind.set(kind, list);
    const nsKey = `${kind}|${namespace ?? ''}`;
    const nsList = byNamespace.get(nsKey) ?? [];
    nsList.push(object);
    byNamespace.set(nsKey, nsList);
    byName.set(`${nsKey}|${object.metadata?.name ?? ''}`, object);
    if (kind === 'Namespace' && object.metadata?.name)
      namespaces.add(object.metadata.name);
    const workload = toWorkload(object);
    if (workload) {
      workloads.push(workload);
      if (namespace) namespaces.add(namespace);
    }
  }

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
      return byNamespace.get(`${kind}|${namespace}`) ?? EMPTY;
    },
    find(kind, namespace, name) {
      return byName.get(`${kind}|${namespace ?? ''}|${name}`);
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
      const ref: ResourceRef = {
        kind: 'Namespace',
        name: namespace,
        apiVersion: 'v1',
      };
      if (cluster !== undefined) ref.cluster = cluster;
      return ref;
    },
  };
}
