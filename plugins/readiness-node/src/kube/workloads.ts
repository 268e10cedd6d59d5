import { asArray, asRecord, get } from './objects';
import { fieldPath, joinPaths } from './paths';
import { Container, KubernetesObject, PodSpec } from './types';

/** A container of a workload, with where it sits in the object. */
export interface WorkloadContainer {
  container: Container;
  name: string;
  /** True for init containers (native sidecars included). */
  init: boolean;
  /** Path of the container in the object, e.g. `spec.template.spec.containers[0]`. */
  path: string;
  /** A path inside the container, e.g. `at('securityContext.privileged')`. */
  at(relative: string): string;
}

/** Anything that runs pods: its pod template (or spec, for bare pods) and where that sits. */
export interface Workload {
  object: KubernetesObject;
  kind: string;
  podSpec: PodSpec;
  /** Path of the pod spec in the object, e.g. `spec.template.spec`. */
  podSpecPath: string;
  /** Labels the workload's pods carry: the template's labels, or a bare pod's own. */
  podLabels: Record<string, string>;
  /** Jobs, CronJobs and their pods: batch work for which probes and replicas make no sense. */
  batch: boolean;
  /** A path inside the pod spec, e.g. `at('hostNetwork')`. */
  at(relative: string): string;
  /** Regular containers, then init containers. */
  containers: WorkloadContainer[];
}

// Where each pod-bearing kind keeps its pod template, and which owners already cover it: a
// ReplicaSet owned by a Deployment is checked through the Deployment, not twice.
const POD_TEMPLATES: Record<
  string,
  { template: string[]; coveredByOwner: string[] }
> = {
  Deployment: { template: ['spec', 'template'], coveredByOwner: [] },
  StatefulSet: { template: ['spec', 'template'], coveredByOwner: [] },
  DaemonSet: { template: ['spec', 'template'], coveredByOwner: [] },
  ReplicaSet: {
    template: ['spec', 'template'],
    coveredByOwner: ['Deployment'],
  },
  ReplicationController: { template: ['spec', 'template'], coveredByOwner: [] },
  Job: { template: ['spec', 'template'], coveredByOwner: ['CronJob'] },
  CronJob: {
    template: ['spec', 'jobTemplate', 'spec', 'template'],
    coveredByOwner: [],
  },
  Pod: {
    template: [],
    coveredByOwner: [
      'ReplicaSet',
      'StatefulSet',
      'DaemonSet',
      'Job',
      'ReplicationController',
    ],
  },
};

/** Kinds that run pods. */
export const WORKLOAD_KINDS = Object.keys(POD_TEMPLATES);

/** `Container "web"` or `Init container "setup"`, for messages. */
function labelFor(name: string, init: boolean): string {
  return init ? `Init container "${name}"` : `Container "${name}"`;
}

/** A container of a workload; `at` lives on the prototype, not in a closure per container. */
class ContainerOfWorkload implements WorkloadContainer {
  /** Made once: every per-container check names the container in its message. */
  readonly label: string;

  constructor(
    readonly container: Container,
    readonly name: string,
    readonly init: boolean,
    readonly path: string,
  ) {
    this.label = labelFor(name, init);
  }

  at(relative: string): string {
    return joinPaths(this.path, relative);
  }
}

/** `Container "web"` or `Init container "setup"`, for messages. */
export function containerLabel(container: WorkloadContainer): string {
  return container instanceof ContainerOfWorkload
    ? container.label
    : labelFor(container.name, container.init);
}

function containersOf(
  podSpec: PodSpec,
  podSpecPath: string,
): WorkloadContainer[] {
  const result: WorkloadContainer[] = [];
  // Two calls, not a loop over pairs: this runs for every workload, mostly before it is
  // optimized, where the pairs and their iterator would be objects to collect.
  addContainers(result, podSpec, podSpecPath, 'containers', false);
  addContainers(result, podSpec, podSpecPath, 'initContainers', true);
  return result;
}

function addContainers(
  result: WorkloadContainer[],
  podSpec: PodSpec,
  podSpecPath: string,
  field: 'containers' | 'initContainers',
  init: boolean,
) {
  const containers = asArray<Container>(podSpec[field]);
  for (let index = 0; index < containers.length; index++) {
    const container = containers[index];
    if (!asRecord(container)) continue;
    result.push(
      new ContainerOfWorkload(
        container,
        typeof container.name === 'string'
          ? container.name
          : `${field}[${index}]`,
        init,
        joinPaths(podSpecPath, fieldPath(field, index)),
      ),
    );
  }
}

/** A workload; `at` lives on the prototype, not in a closure per workload. */
class PodBearing implements Workload {
  constructor(
    readonly object: KubernetesObject,
    readonly kind: string,
    readonly podSpec: PodSpec,
    readonly podSpecPath: string,
    readonly podLabels: Record<string, string>,
    readonly batch: boolean,
    readonly containers: WorkloadContainer[],
  ) {}

  at(relative: string): string {
    return joinPaths(this.podSpecPath, relative);
  }
}

/**
 * The workload view of an object, or undefined when the object runs no pods of its own
 * (not a pod-bearing kind, or owned by a controller that is checked instead).
 */
export function toWorkload(object: KubernetesObject): Workload | undefined {
  const kind = object.kind ?? '';
  const shape = POD_TEMPLATES[kind];
  if (!shape) return undefined;
  const owners = asArray<{ kind?: string }>(object.metadata?.ownerReferences);
  if (owners.some(owner => shape.coveredByOwner.includes(owner?.kind ?? '')))
    return undefined;

  const template = shape.template.length
    ? get(object, ...shape.template)
    : object;
  const podSpec = asRecord(get(template, 'spec')) as PodSpec | undefined;
  if (!podSpec) return undefined;
  const podSpecPath = fieldPath(...shape.template, 'spec');
  const labels = asRecord(get(template, 'metadata', 'labels')) ?? {};
  // A bare pod that is not restarted is a one-off task, like a Job's pod.
  // Read through `get`: bare pods' specs come in many shapes, and a load of its own here would
  // throw away the compiled code of the loop that calls this (see engine/context.ts) at the
  // first new one.
  const runsOnce =
    kind === 'Pod' &&
    ['Never', 'OnFailure'].includes(String(get(podSpec, 'restartPolicy')));
  return new PodBearing(
    object,
    kind,
    podSpec,
    podSpecPath,
    labels as Record<string, string>,
    kind === 'Job' || kind === 'CronJob' || runsOnce,
    containersOf(podSpec, podSpecPath),
  );
}
