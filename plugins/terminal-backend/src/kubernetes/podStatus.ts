import { V1Pod } from '@kubernetes/client-node';
import { RunnerPodRef } from '../database/types';

/** Whether the pod's Ready condition is True (ttyd accepts connections). */
export function isPodReady(pod: V1Pod): boolean {
  return (
    pod.status?.phase === 'Running' &&
    !pod.metadata?.deletionTimestamp &&
    (pod.status?.conditions ?? []).some(
      c => c.type === 'Ready' && c.status === 'True',
    )
  );
}

/** Why a runner pod will never serve again, or undefined while it may. */
export function podEndReason(pod: V1Pod): string | undefined {
  const phase = pod.status?.phase;
  if (phase !== 'Failed' && phase !== 'Succeeded') return undefined;
  if (pod.status?.reason === 'DeadlineExceeded') {
    return 'maximum lifetime reached';
  }
  if (phase === 'Succeeded') return 'runner exited';
  const terminated = pod.status?.containerStatuses?.find(
    s => s.state?.terminated,
  )?.state?.terminated;
  const why =
    pod.status?.reason ??
    terminated?.reason ??
    (terminated ? `exit code ${terminated.exitCode}` : 'unknown');
  return `runner pod failed: ${why}`;
}

/** The pod's name, UID and IP. */
export function podRef(pod: V1Pod): RunnerPodRef {
  return {
    podName: pod.metadata!.name!,
    podUid: pod.metadata!.uid!,
    podIp: pod.status?.podIP || undefined,
  };
}

/** The Job a runner pod belongs to. */
export function jobNameOf(pod: V1Pod): string | undefined {
  return (
    pod.metadata?.ownerReferences?.find(o => o.kind === 'Job')?.name ??
    pod.metadata?.labels?.['job-name']
  );
}
