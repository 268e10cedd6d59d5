import type {
  V1Deployment,
  V1DeploymentCondition,
  V1DeploymentStatus,
  V1ReplicaSet,
} from '@kubernetes/client-node';
import {
  findCondition,
  setCondition,
  timestamp,
  toMillis,
} from '../runtime/objects';
import { surgeAndUnavailable } from './rollout';

const sum = (
  sets: V1ReplicaSet[],
  pick: (rs: V1ReplicaSet) => number | undefined,
) => sets.reduce((total, rs) => total + (pick(rs) ?? 0), 0);

/** Whether every replica runs the current template and is available, with no old pod left. */
export function isComplete(
  d: V1Deployment,
  status: V1DeploymentStatus,
): boolean {
  const replicas = d.spec?.replicas ?? 1;
  return (
    status.updatedReplicas === replicas &&
    status.replicas === replicas &&
    (status.availableReplicas ?? 0) >= replicas &&
    (status.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0)
  );
}

/**
 * The Deployment's status as the real controller computes it (calculateStatus and
 * syncRolloutStatus): counts over its ReplicaSets, Available while at least
 * `replicas - maxUnavailable` pods are available, Progressing True while the rollout moves and
 * False with ProgressDeadlineExceeded once it has not moved for `progressDeadlineSeconds`.
 * Returns the status and, when the deadline is still ahead, the milliseconds until it passes.
 */
export function deploymentStatus(
  d: V1Deployment,
  all: V1ReplicaSet[],
  newRS: V1ReplicaSet | undefined,
  createdNewRS: boolean,
  msPerSecond: number,
): { status: V1DeploymentStatus; deadlineInMs?: number } {
  const replicas = d.spec?.replicas ?? 1;
  const previous = d.status ?? {};
  const availableReplicas = sum(all, rs => rs.status?.availableReplicas);
  const status: V1DeploymentStatus = {
    observedGeneration: d.metadata?.generation,
    replicas: sum(all, rs => rs.status?.replicas),
    updatedReplicas: newRS?.status?.replicas ?? 0,
    readyReplicas: sum(all, rs => rs.status?.readyReplicas),
    availableReplicas,
    unavailableReplicas: Math.max(
      0,
      sum(all, rs => rs.spec?.replicas) - availableReplicas,
    ),
    collisionCount: previous.collisionCount,
  };
  const { unavailable } = surgeAndUnavailable(d);
  let conditions: V1DeploymentCondition[] = setCondition(
    previous.conditions,
    availableReplicas >= replicas - unavailable
      ? {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
        }
      : {
          type: 'Available',
          status: 'False',
          reason: 'MinimumReplicasUnavailable',
          message: 'Deployment does not have minimum availability.',
        },
    true,
  );

  const rsName = newRS?.metadata?.name ?? '';
  const progressing = findCondition(previous.conditions, 'Progressing');
  const moved =
    (status.updatedReplicas ?? 0) > (previous.updatedReplicas ?? 0) ||
    (status.readyReplicas ?? 0) > (previous.readyReplicas ?? 0) ||
    availableReplicas > (previous.availableReplicas ?? 0) ||
    (status.replicas ?? 0) - (status.updatedReplicas ?? 0) <
      (previous.replicas ?? 0) - (previous.updatedReplicas ?? 0);
  const deadlineMs = (d.spec?.progressDeadlineSeconds ?? 600) * msPerSecond;
  let deadlineInMs: number | undefined;

  const set = (condition: V1DeploymentCondition, touch = false) => {
    conditions = setCondition(conditions, condition, true);
    // Progress restarts the deadline even when the condition's text stays the same.
    if (touch)
      findCondition(conditions, condition.type)!.lastUpdateTime = timestamp();
  };

  if (d.spec?.paused) {
    set({
      type: 'Progressing',
      status: 'Unknown',
      reason: 'DeploymentPaused',
      message: 'Deployment is paused',
    });
  } else if (isComplete(d, status)) {
    set({
      type: 'Progressing',
      status: 'True',
      reason: 'NewReplicaSetAvailable',
      message: `ReplicaSet "${rsName}" has successfully progressed.`,
    });
  } else if (createdNewRS) {
    set(
      {
        type: 'Progressing',
        status: 'True',
        reason: 'NewReplicaSetCreated',
        message: `Created new replica set "${rsName}"`,
      },
      true,
    );
    deadlineInMs = deadlineMs;
  } else if (
    moved ||
    !progressing ||
    progressing.reason === 'NewReplicaSetAvailable' ||
    progressing.reason === 'DeploymentPaused'
  ) {
    set(
      {
        type: 'Progressing',
        status: 'True',
        reason: 'ReplicaSetUpdated',
        message: `ReplicaSet "${rsName}" is progressing.`,
      },
      true,
    );
    deadlineInMs = deadlineMs;
  } else if (progressing.status === 'True') {
    const left = toMillis(progressing.lastUpdateTime) + deadlineMs - Date.now();
    if (left > 0) deadlineInMs = left;
    else {
      set({
        type: 'Progressing',
        status: 'False',
        reason: 'ProgressDeadlineExceeded',
        message: `ReplicaSet "${rsName}" has timed out progressing.`,
      });
    }
  }
  status.conditions = conditions;
  return { status, deadlineInMs };
}
