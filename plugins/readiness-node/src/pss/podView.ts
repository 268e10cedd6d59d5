import { asArray, asRecord } from '../kube/objects';
import { PodLike, PodView } from './types';

/** Go's zero value for a string field: absent or null reads as "". */
export const str = (value: unknown): string =>
  value === undefined || value === null ? '' : String(value);

/** Whether an optional (pointer) field is set: Go decodes both absent and null as nil. */
export const isSet = (value: unknown): boolean =>
  value !== undefined && value !== null;

// Upstream's visiting order: init containers, containers, ephemeral containers.
const CONTAINER_FIELDS = [
  'initContainers',
  'containers',
  'ephemeralContainers',
];

/** Normalises a pod or pod template once for every control. */
export function viewOf(pod: PodLike): PodView {
  const spec = asRecord(pod.spec) ?? {};
  const containers: PodView['containers'] = [];
  // Index loops: this runs for every workload, mostly before it is optimized, where an iterator
  // per loop is an object to collect.
  for (let f = 0; f < CONTAINER_FIELDS.length; f++) {
    const items = asArray<unknown>(spec[CONTAINER_FIELDS[f]]);
    for (let i = 0; i < items.length; i++) {
      const container = asRecord(items[i]);
      if (!container) continue;
      containers.push({
        name: str(container.name),
        container,
        securityContext: asRecord(container.securityContext),
      });
    }
  }
  return {
    annotations: asRecord(asRecord(pod.metadata)?.annotations) ?? {},
    spec,
    securityContext: asRecord(spec.securityContext),
    containers,
  };
}

/** Windows pods are exempt from Linux-only restricted controls from v1.25. */
export const isWindows = (pod: PodView): boolean =>
  str(asRecord(pod.spec.os)?.name) === 'windows';

/** Pods in a user namespace (`hostUsers: false`) get relaxed rules from v1.35. */
export const inUserNamespace = (pod: PodView): boolean =>
  pod.spec.hostUsers === false;
