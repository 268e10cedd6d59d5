import type { V1Job, V1Pod } from '@kubernetes/client-node';

/** Annotation (and label) carrying an Indexed Job pod's completion index. */
export const INDEX_KEY = 'batch.kubernetes.io/job-completion-index';

/** Terminal pods of one Job, as far as this controller has counted them. */
interface JobCounts {
  baseSucceeded: number;
  baseFailed: number;
  counted: Map<string, { result: 'succeeded' | 'failed'; index?: number }>;
  lastFailureAt: number;
}

/** What a Job has achieved so far. */
export interface JobProgress {
  succeeded: number;
  failed: number;
  succeededIndexes: Set<number>;
  lastFailureAt: number;
}

/**
 * Counts a Job's finished pods once each, even after those pods are deleted — the job of the
 * real controller's tracking finalizers, kept in memory here. On first sight the counts already
 * in the Job's status are taken as the base, so a restarted controller does not count again.
 */
export class JobTracker {
  private readonly jobs = new Map<string, JobCounts>();

  progress(job: V1Job, owned: V1Pod[]): JobProgress {
    const uid = job.metadata!.uid!;
    let counts = this.jobs.get(uid);
    const terminal = owned.filter(
      p => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed',
    );
    if (!counts) {
      const present = (phase: string) =>
        terminal.filter(p => p.status?.phase === phase).length;
      counts = {
        baseSucceeded: Math.max(
          0,
          (job.status?.succeeded ?? 0) - present('Succeeded'),
        ),
        baseFailed: Math.max(0, (job.status?.failed ?? 0) - present('Failed')),
        counted: new Map(),
        lastFailureAt: 0,
      };
      this.jobs.set(uid, counts);
    }
    for (const pod of terminal) {
      const podUid = pod.metadata!.uid!;
      if (counts.counted.has(podUid)) continue;
      const failed = pod.status?.phase === 'Failed';
      if (failed) counts.lastFailureAt = Date.now();
      const index = pod.metadata?.annotations?.[INDEX_KEY];
      counts.counted.set(podUid, {
        result: failed ? 'failed' : 'succeeded',
        index: index === undefined ? undefined : Number(index),
      });
    }
    const succeededIndexes = new Set<number>();
    let succeeded = counts.baseSucceeded;
    let failed = counts.baseFailed;
    for (const entry of counts.counted.values()) {
      if (entry.result === 'failed') failed += 1;
      else if (entry.index === undefined) succeeded += 1;
      else succeededIndexes.add(entry.index);
    }
    return {
      succeeded: succeeded + succeededIndexes.size,
      failed,
      succeededIndexes,
      lastFailureAt: counts.lastFailureAt,
    };
  }

  forget(uid: string): void {
    this.jobs.delete(uid);
  }
}

/** Renders indexes as the API's `completedIndexes` ("0-2,5"). */
export function formatIndexes(indexes: Set<number>): string {
  const sorted = [...indexes].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i];
    while (i + 1 < sorted.length && sorted[i + 1] === sorted[i] + 1) i++;
    parts.push(start === sorted[i] ? `${start}` : `${start}-${sorted[i]}`);
  }
  return parts.join(',');
}
