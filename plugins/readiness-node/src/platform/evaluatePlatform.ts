import {
  ComponentPod,
  ComponentStatus,
  ExpectedComponent,
  PlatformReadiness,
} from '@hatchway/plugin-readiness-common';
import { asArray, get, selectorMatches } from '../kube/objects';
import { Condition, KubernetesObject, LabelSelector } from '../kube/types';
import { PlatformIndex } from './PlatformIndex';

/** @public */
export interface PlatformOptions {
  /** Container restarts above which a pod makes its component Degraded. Default 5. */
  restartThreshold?: number;
  /** Warning events kept per component. Default 5. */
  maxWarnings?: number;
  /**
   * Requirements that cannot be judged because their objects could not be listed (the API group
   * is not served, or listing was refused): they are skipped rather than reported missing.
   */
  unverifiable?: { crds?: boolean; webhooks?: boolean };
}

const IMAGE_PULL_REASONS = new Set([
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
]);

/**
 * The platform readiness board: for each expected component, Healthy / Degraded (with reasons)
 * / Missing, judged from live objects (workloads, pods, events, CRDs, webhook configurations).
 * Pure: objects in, statuses out.
 * @public
 */
export function evaluatePlatform(
  objects: readonly KubernetesObject[],
  expected: readonly ExpectedComponent[],
  options: PlatformOptions = {},
): PlatformReadiness {
  const index = new PlatformIndex(objects);
  const components = expected.map(c => evaluateComponent(c, index, options));
  const healthy = components.filter(c => c.health === 'Healthy').length;
  return {
    components,
    readyPercent: expected.length
      ? Math.floor((100 * healthy) / expected.length)
      : 100,
  };
}

function evaluateComponent(
  component: ExpectedComponent,
  index: PlatformIndex,
  { restartThreshold = 5, maxWarnings = 5, unverifiable = {} }: PlatformOptions,
): ComponentStatus {
  const missingDefinitions = [
    ...(unverifiable.crds ? [] : component.crds ?? [])
      .filter(crd => !index.crds.has(crd))
      .map(crd => `CRD ${crd} is not installed`),
    ...(unverifiable.webhooks ? [] : component.webhooks ?? [])
      .filter(webhook => !index.webhooks.has(webhook))
      .map(webhook => `webhook configuration ${webhook} does not exist`),
  ];
  const base = {
    name: component.name,
    title: component.title ?? component.name,
    entityRef: component.entityRef,
  };

  const found = findWorkloads(component, index);
  if (!found) {
    const where = component.workloadName
      ? `named ${component.workloadName}`
      : `labelled ${Object.entries(component.selector ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(',')}`;
    return {
      ...base,
      health: 'Missing',
      reasons: [
        `no workload ${where} in namespace ${component.namespaces.join(
          ' or ',
        )}`,
        ...missingDefinitions,
      ],
      workloads: [],
      pods: [],
      warnings: [],
    };
  }

  const { namespace, workloads } = found;
  const reasons: string[] = [];
  const workloadStatuses = workloads.map(w => replicaStatus(w));
  for (const w of workloadStatuses) {
    if (w.ready < w.desired)
      reasons.push(
        `${w.kind} ${w.name}: ${w.ready}/${w.desired} replicas ready`,
      );
  }
  const totalReady = workloadStatuses.reduce((sum, w) => sum + w.ready, 0);
  const minReady = component.minReadyReplicas ?? 1;
  if (totalReady < minReady)
    reasons.push(`${totalReady} ready replicas, at least ${minReady} expected`);
  for (const w of workloads) {
    const progressing = asArray<Condition>(get(w, 'status', 'conditions')).find(
      c => c?.type === 'Progressing',
    );
    if (
      progressing?.status === 'False' ||
      progressing?.reason === 'ProgressDeadlineExceeded'
    ) {
      reasons.push(
        `${w.kind} ${w.metadata?.name}: rollout stuck (${
          progressing.reason ?? 'not progressing'
        })`,
      );
    }
  }

  const selectors = workloads.map(
    w => get(w, 'spec', 'selector') as LabelSelector | undefined,
  );
  const pods = index
    .inNamespace('Pod', namespace)
    .filter(pod =>
      selectors.some(s => selectorMatches(s, pod.metadata?.labels)),
    )
    .map(podStatus);
  for (const pod of pods) {
    if (pod.reason === 'CrashLoopBackOff') {
      reasons.push(
        `pod ${pod.name} is in CrashLoopBackOff (${pod.restarts} restarts)`,
      );
    } else if (pod.reason && IMAGE_PULL_REASONS.has(pod.reason)) {
      reasons.push(`pod ${pod.name} cannot pull its image (${pod.reason})`);
    } else if (pod.restarts > restartThreshold) {
      reasons.push(`pod ${pod.name} restarted ${pod.restarts} times`);
    }
  }
  reasons.push(...missingDefinitions);

  const names = new Set([
    ...workloads.map(w => w.metadata?.name),
    ...pods.map(p => p.name),
  ]);
  const warnings = index
    .warningsIn(namespace)
    .filter(e => names.has(get(e, 'involvedObject', 'name') as string))
    .slice(0, maxWarnings)
    .map(e => ({
      reason: String(get(e, 'reason') ?? ''),
      message: String(get(e, 'message') ?? ''),
      object: `${get(e, 'involvedObject', 'kind')}/${get(
        e,
        'involvedObject',
        'name',
      )}`,
      lastSeen: PlatformIndex.eventTime(e),
    }));

  return {
    ...base,
    health: reasons.length ? 'Degraded' : 'Healthy',
    reasons,
    namespace,
    workloads: workloadStatuses,
    pods,
    warnings,
  };
}

function findWorkloads(component: ExpectedComponent, index: PlatformIndex) {
  for (const namespace of component.namespaces) {
    const workloads = index.workloadsIn(namespace).filter(w =>
      component.workloadName
        ? w.metadata?.name === component.workloadName
        : selectorMatches(
            { matchLabels: component.selector },
            {
              ...(get(w, 'spec', 'template', 'metadata', 'labels') as Record<
                string,
                string
              >),
              ...w.metadata?.labels,
            },
          ),
    );
    if (workloads.length) return { namespace, workloads };
  }
  return undefined;
}

function replicaStatus(w: KubernetesObject) {
  const daemon = w.kind === 'DaemonSet';
  const desired = Number(
    daemon
      ? get(w, 'status', 'desiredNumberScheduled') ?? 0
      : get(w, 'spec', 'replicas') ?? 1,
  );
  const ready = Number(
    get(w, 'status', daemon ? 'numberReady' : 'readyReplicas') ?? 0,
  );
  return {
    kind: String(w.kind),
    name: String(w.metadata?.name),
    ready,
    desired,
  };
}

function podStatus(pod: KubernetesObject): ComponentPod {
  const statuses = asArray<Record<string, any>>(
    get(pod, 'status', 'containerStatuses'),
  );
  const waiting = statuses.map(s => s?.state?.waiting?.reason).find(Boolean);
  const ready = asArray<Condition>(get(pod, 'status', 'conditions')).some(
    c => c?.type === 'Ready' && c.status === 'True',
  );
  return {
    name: String(pod.metadata?.name),
    phase: String(get(pod, 'status', 'phase') ?? 'Unknown'),
    ready,
    restarts: statuses.reduce(
      (sum, s) => sum + Number(s?.restartCount ?? 0),
      0,
    ),
    ...(waiting ? { reason: String(waiting) } : {}),
  };
}
