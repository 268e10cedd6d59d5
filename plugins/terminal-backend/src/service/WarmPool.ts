import { LoggerService } from '@backstage/backend-plugin-api';
import { V1Job, V1Pod } from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import { SessionProfile } from '../config/readTerminalConfig';
import { RunnerAssignment } from '../database/types';
import { statusCode } from '../kubernetes/kubeErrors';
import {
  credentialSecretName,
  ownerLabelValue,
  RunnerLabels,
} from '../kubernetes/labels';
import { isPodReady, jobNameOf, podRef } from '../kubernetes/podStatus';
import {
  newTtydCredential,
  renderRunnerJob,
} from '../kubernetes/renderRunnerJob';
import { RunnerJobs } from '../kubernetes/RunnerJobs';
import { RunnerPodInformer } from '../kubernetes/RunnerPodInformer';

function isFinished(job: V1Job): boolean {
  return Boolean(job.status?.failed || job.status?.succeeded);
}

/**
 * Idle runner Jobs per profile (label `hatchway.dev/pool=warm`), each with its own credential
 * Secret, so that a session can start on a pod that is already Ready.
 */
export class WarmPool {
  private refilling?: Promise<void>;
  private refillAgain = false;

  constructor(
    private readonly deps: {
      profiles: Map<string, SessionProfile>;
      jobs: RunnerJobs;
      informer: RunnerPodInformer;
      ttlSecondsAfterFinished: number;
      logger: LoggerService;
      clock: () => Date;
    },
  ) {}

  /**
   * Claims a Ready warm pod of the profile for the session. The claim is a label patch with the
   * pod's resourceVersion as precondition, so two sessions never get the same pod: the loser
   * gets 409 and tries the next pod. Undefined when none is left (start cold).
   */
  async claim(
    profile: SessionProfile,
    session: { id: string; owner: string },
  ): Promise<RunnerAssignment | undefined> {
    if (profile.warmPool === 0) return undefined;
    const candidates = this.deps.informer
      .pods()
      .filter(
        pod =>
          pod.metadata?.labels?.[RunnerLabels.pool] === 'warm' &&
          pod.metadata?.labels?.[RunnerLabels.profile] === profile.name &&
          isPodReady(pod),
      );
    const labels = {
      [RunnerLabels.pool]: 'claimed',
      [RunnerLabels.session]: session.id,
      [RunnerLabels.owner]: ownerLabelValue(session.owner),
    };
    for (const pod of candidates) {
      const jobName = jobNameOf(pod);
      if (!jobName) continue;
      try {
        await this.deps.jobs.relabelPod(pod, labels);
      } catch (error) {
        if (statusCode(error) === 409 || statusCode(error) === 404) continue;
        throw error;
      }
      // Refill only once the Job is relabeled too: a refill listing it while it still says
      // pool=warm counts the claimed runner as idle and leaves the pool one short.
      try {
        return await this.adopt(profile, pod, jobName, labels);
      } catch (error) {
        // The pod is already labelled for this session, so no one else will claim it: remove
        // its Job and Secret rather than leave a runner nobody owns until its deadline.
        this.deps.logger.warn(
          `Discarding warm runner ${jobName} that could not be adopted`,
          { error: String(error) },
        );
        await this.deps.jobs
          .delete(jobName, credentialSecretName(jobName))
          .catch(cleanupError =>
            this.deps.logger.warn(`Could not delete warm runner ${jobName}`, {
              error: String(cleanupError),
            }),
          );
      } finally {
        this.refillSoon();
      }
    }
    this.refillSoon();
    return undefined;
  }

  /** Creates the missing warm Jobs of every profile; one refill runs at a time. */
  refill(): Promise<void> {
    if (this.refilling) {
      this.refillAgain = true;
      return this.refilling;
    }
    this.refilling = (async () => {
      try {
        do {
          this.refillAgain = false;
          for (const profile of this.deps.profiles.values()) {
            await this.refillProfile(profile);
          }
        } while (this.refillAgain);
      } finally {
        this.refilling = undefined;
      }
    })();
    return this.refilling;
  }

  private refillSoon(): void {
    this.refill().catch(error =>
      this.deps.logger.warn('Could not refill the warm pool', {
        error: String(error),
      }),
    );
  }

  private async adopt(
    profile: SessionProfile,
    pod: V1Pod,
    jobName: string,
    labels: Record<string, string>,
  ): Promise<RunnerAssignment> {
    const secretName = credentialSecretName(jobName);
    const credential = await this.deps.jobs.readCredential(secretName);
    if (!credential) {
      throw new Error(`Warm runner ${jobName} has no credential`);
    }
    // The Job's deadline started when it was warmed: restart the clock for the session.
    const started = new Date(pod.status?.startTime ?? this.deps.clock());
    const warmedFor = Math.max(
      0,
      Math.ceil((this.deps.clock().getTime() - started.getTime()) / 1000),
    );
    await this.deps.jobs.patchJob(jobName, {
      labels,
      activeDeadlineSeconds: profile.maxLifetimeSeconds + warmedFor,
    });
    return {
      jobName,
      secretName,
      ttydCredential: credential,
      warm: true,
      pod: podRef(pod),
      readyAt: this.deps.clock(),
    };
  }

  private async refillProfile(profile: SessionProfile): Promise<void> {
    const selector = `${RunnerLabels.pool}=warm,${RunnerLabels.profile}=${profile.name}`;
    const jobs = await this.deps.jobs.listJobs(selector);
    const finished = jobs.filter(isFinished);
    for (const job of finished) {
      await this.deps.jobs.delete(
        job.metadata!.name!,
        credentialSecretName(job.metadata!.name!),
      );
    }
    const missing = profile.warmPool - (jobs.length - finished.length);
    for (let i = 0; i < missing; i++) {
      const jobName = `term-warm-${randomBytes(6).toString('hex')}`;
      await this.deps.jobs.create(
        renderRunnerJob({
          jobName,
          namespace: this.deps.jobs.namespace,
          profile,
          purpose: { pool: 'warm' },
          credential: newTtydCredential(),
          ttlSecondsAfterFinished: this.deps.ttlSecondsAfterFinished,
        }),
      );
    }
  }
}
