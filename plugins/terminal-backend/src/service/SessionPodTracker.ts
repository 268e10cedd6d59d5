import { LoggerService } from '@backstage/backend-plugin-api';
import { V1Pod } from '@kubernetes/client-node';
import { SessionStore, StoredSession } from '../database/types';
import { RunnerLabels } from '../kubernetes/labels';
import {
  isPodReady,
  jobNameOf,
  podEndReason,
  podRef,
} from '../kubernetes/podStatus';
import { RunnerJobs } from '../kubernetes/RunnerJobs';
import { RunnerPodInformer } from '../kubernetes/RunnerPodInformer';
import { SessionTerminator } from './SessionTerminator';

/**
 * Keeps sessions in step with their runner pods, from the pod informer's events: records the
 * pod, turns a session Ready when its pod is Ready, ends it when the pod fails or disappears.
 */
export class SessionPodTracker {
  constructor(
    private readonly deps: {
      store: SessionStore;
      informer: RunnerPodInformer;
      jobs: RunnerJobs;
      terminator: SessionTerminator;
      logger: LoggerService;
      clock: () => Date;
    },
  ) {
    deps.informer.subscribe({
      changed: pod => this.guard(this.podChanged(pod)),
      deleted: pod => this.guard(this.podDeleted(pod)),
    });
  }

  /**
   * Matches live sessions with the pods that exist now (at start, so that a backend restart
   * loses no session and misses no pod that went away meanwhile).
   */
  async reconcile(): Promise<void> {
    const bySession = new Map(
      this.deps.informer
        .pods()
        .filter(pod => pod.metadata?.labels?.[RunnerLabels.session])
        .map(pod => [
          `${pod.metadata!.labels![RunnerLabels.session]}/${jobNameOf(pod)}`,
          pod,
        ]),
    );
    for (const session of await this.deps.store.listLive()) {
      const pod = bySession.get(`${session.id}/${session.jobName}`);
      if (pod) {
        await this.podChanged(pod);
      } else if (session.podUid) {
        await this.deps.terminator.end(session, this.goneReason(session));
      } else if (
        session.jobName &&
        !(await this.deps.jobs.exists(session.jobName))
      ) {
        await this.deps.terminator.end(session, 'runner job deleted');
      }
    }
  }

  private async podChanged(pod: V1Pod): Promise<void> {
    const session = await this.sessionOf(pod);
    if (!session || session.state === 'Ended') return;
    // A session lives and dies with its first pod: a replacement (the Job controller recreating
    // a deleted pod) means the shell the user had is gone.
    if (session.podUid && session.podUid !== pod.metadata?.uid) {
      await this.deps.terminator.end(session, this.goneReason(session));
      return;
    }
    const endReason = podEndReason(pod);
    if (endReason) {
      await this.deps.terminator.end(session, endReason);
      return;
    }
    await this.deps.store.recordPod(
      session.id,
      podRef(pod),
      isPodReady(pod),
      this.deps.clock(),
    );
  }

  private async podDeleted(pod: V1Pod): Promise<void> {
    const session = await this.sessionOf(pod);
    if (!session || session.state === 'Ended') return;
    // A session only ends with its own pod (not a pod it no longer uses).
    if (session.podUid && session.podUid !== pod.metadata?.uid) return;
    await this.deps.terminator.end(
      session,
      podEndReason(pod) ?? this.goneReason(session),
    );
  }

  private goneReason(session: StoredSession): string {
    return this.deps.clock() >= session.expiresAt
      ? 'maximum lifetime reached'
      : 'runner pod deleted';
  }

  /**
   * The session the pod runs, when the pod belongs to the session's own Job. A warm pod labelled
   * for a session before the session records its Job (or one discarded because adopting it
   * failed) is not the session's pod.
   */
  private async sessionOf(pod: V1Pod): Promise<StoredSession | undefined> {
    const id = pod.metadata?.labels?.[RunnerLabels.session];
    const session = id ? await this.deps.store.get(id) : undefined;
    if (!session) return undefined;
    const jobName = jobNameOf(pod);
    return !session.jobName || !jobName || jobName === session.jobName
      ? session
      : undefined;
  }

  private guard(work: Promise<void>): void {
    work.catch(error =>
      this.deps.logger.warn('Could not track a runner pod', {
        error: String(error),
      }),
    );
  }
}
