import type { V1Deployment, V1ReplicaSet } from '@kubernetes/client-node';

/** Annotation carrying the rollout revision on Deployments and their ReplicaSets. */
export const REVISION = 'deployment.kubernetes.io/revision';

/** Replica count each ReplicaSet should be scaled to, by ReplicaSet name. */
export type ScalePlan = Map<string, number>;

const specReplicas = (rs: V1ReplicaSet) => rs.spec?.replicas ?? 0;
const available = (rs: V1ReplicaSet) => rs.status?.availableReplicas ?? 0;

/** Resolves an int-or-percent field against `total` (percentages round as `roundUp` says). */
export function intOrPercent(
  value: number | string | undefined,
  total: number,
  fallback: string,
  roundUp: boolean,
): number {
  const raw = value ?? fallback;
  if (typeof raw === 'number') return raw;
  const match = /^(\d+)%$/.exec(raw);
  if (!match) return Number(raw) || 0;
  const exact = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** maxSurge and maxUnavailable of a RollingUpdate Deployment (never both zero). */
export function surgeAndUnavailable(d: V1Deployment): {
  surge: number;
  unavailable: number;
} {
  const replicas = d.spec?.replicas ?? 1;
  if (d.spec?.strategy?.type === 'Recreate') {
    return { surge: 0, unavailable: replicas };
  }
  const rolling = d.spec?.strategy?.rollingUpdate;
  const surge = intOrPercent(rolling?.maxSurge, replicas, '25%', true);
  let unavailable = intOrPercent(
    rolling?.maxUnavailable,
    replicas,
    '25%',
    false,
  );
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable: Math.min(unavailable, replicas) };
}

/**
 * One step of a rolling update, following the real controller (rolloutRolling): scale the new
 * ReplicaSet up within maxSurge, then scale old ones down within maxUnavailable — first their
 * unavailable pods (so a crash-looping old version never blocks the rollout), then healthy ones,
 * oldest first. Returns only the ReplicaSets whose size changes.
 */
export function rollingStep(
  d: V1Deployment,
  newRS: V1ReplicaSet,
  oldRSs: V1ReplicaSet[],
): ScalePlan {
  const plan: ScalePlan = new Map();
  const replicas = d.spec?.replicas ?? 1;
  const { surge, unavailable } = surgeAndUnavailable(d);
  const activeOld = oldRSs.filter(rs => specReplicas(rs) > 0);
  let newSize = specReplicas(newRS);

  if (activeOld.length === 0 || newSize > replicas) {
    newSize = replicas;
  } else {
    const total =
      newSize + activeOld.reduce((s, rs) => s + specReplicas(rs), 0);
    const room = replicas + surge - total;
    if (room > 0) newSize = Math.min(replicas, newSize + room);
  }
  if (newSize !== specReplicas(newRS)) plan.set(newRS.metadata!.name!, newSize);

  const minAvailable = replicas - unavailable;
  const oldest = [...activeOld].sort((a, b) => revisionOf(a) - revisionOf(b));
  const sizes = new Map(
    oldest.map(rs => [rs.metadata!.name!, specReplicas(rs)]),
  );
  const allPods = newSize + oldest.reduce((s, rs) => s + specReplicas(rs), 0);
  const newUnavailable = Math.max(0, specReplicas(newRS) - available(newRS));

  // 1. Old pods that are not available anyway can go as long as the total stays above minimum.
  let budget = allPods - minAvailable - newUnavailable;
  for (const rs of oldest) {
    if (budget <= 0) break;
    const name = rs.metadata!.name!;
    const unhealthy = Math.max(0, sizes.get(name)! - available(rs));
    const cut = Math.min(budget, unhealthy);
    sizes.set(name, sizes.get(name)! - cut);
    budget -= cut;
  }
  // 2. Healthy old pods go while enough available pods remain.
  const totalAvailable =
    available(newRS) +
    oldest.reduce(
      (s, rs) => s + Math.min(available(rs), sizes.get(rs.metadata!.name!)!),
      0,
    );
  let canRemove = totalAvailable - minAvailable;
  for (const rs of oldest) {
    if (canRemove <= 0) break;
    const name = rs.metadata!.name!;
    const cut = Math.min(canRemove, sizes.get(name)!);
    sizes.set(name, sizes.get(name)! - cut);
    canRemove -= cut;
  }
  for (const rs of oldest) {
    const size = sizes.get(rs.metadata!.name!)!;
    if (size !== specReplicas(rs)) plan.set(rs.metadata!.name!, size);
  }
  return plan;
}

/**
 * One step of a Recreate rollout: old ReplicaSets go to zero; the new one is scaled up only once
 * no old pod is left (`oldPodsLeft`).
 */
export function recreateStep(
  d: V1Deployment,
  newRS: V1ReplicaSet,
  oldRSs: V1ReplicaSet[],
  oldPodsLeft: number,
): ScalePlan {
  const plan: ScalePlan = new Map();
  for (const rs of oldRSs) {
    if (specReplicas(rs) > 0) plan.set(rs.metadata!.name!, 0);
  }
  const replicas = d.spec?.replicas ?? 1;
  if (
    plan.size === 0 &&
    oldPodsLeft === 0 &&
    specReplicas(newRS) !== replicas
  ) {
    plan.set(newRS.metadata!.name!, replicas);
  }
  return plan;
}

/** The `deployment.kubernetes.io/revision` of a ReplicaSet (0 when absent). */
export function revisionOf(rs: V1ReplicaSet): number {
  return Number(rs.metadata?.annotations?.[REVISION] ?? 0) || 0;
}
