import {
  BackstageCredentials,
  BackstageUserPrincipal,
  LoggerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { randomUUID } from 'node:crypto';
import { SessionProfile, TerminalOptions } from '../config/readTerminalConfig';
import {
  RunnerAssignment,
  SessionStore,
  StoredSession,
} from '../database/types';
import { SessionTicketIssuer } from '../keys/SessionTicketIssuer';
import { credentialSecretName } from '../kubernetes/labels';
import {
  newTtydCredential,
  renderRunnerJob,
} from '../kubernetes/renderRunnerJob';
import { RunnerJobs } from '../kubernetes/RunnerJobs';
import { SessionCapacityError, SessionLimitError } from './errors';
import { SessionTerminator } from './SessionTerminator';
import { WarmPool } from './WarmPool';

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/** Fetches a vCluster's kubeconfig on behalf of the caller; throws InputError when it cannot. */
export type VClusterKubeconfigs = (
  name: string,
  credentials: UserCredentials,
) => Promise<string>;

/**
 * Terminal sessions: create (within caps, warm or cold), read, end, issue tickets, serve
 * recordings. Callers have been authorized by the router.
 */
export class SessionService {
  constructor(
    private readonly deps: {
      options: TerminalOptions;
      store: SessionStore;
      jobs: RunnerJobs;
      warmPool: WarmPool;
      terminator: SessionTerminator;
      issuer: SessionTicketIssuer;
      userInfo: UserInfoService;
      vclusterKubeconfigs?: VClusterKubeconfigs;
      logger: LoggerService;
      clock: () => Date;
    },
  ) {}

  /** The profiles the caller may use. */
  async profilesFor(credentials: UserCredentials): Promise<SessionProfile[]> {
    const claims = await this.claimsOf(credentials);
    return [...this.deps.options.profiles.values()].filter(p =>
      this.allows(p, claims),
    );
  }

  async create(
    input: { profile: string; vcluster?: string },
    credentials: UserCredentials,
  ): Promise<StoredSession> {
    const { options, store, clock } = this.deps;
    const owner = credentials.principal.userEntityRef;
    const profile = options.profiles.get(input.profile);
    if (!profile) {
      throw new InputError(`Unknown profile "${input.profile}"`);
    }
    if (!this.allows(profile, await this.claimsOf(credentials))) {
      throw new InputError(`Profile "${profile.name}" is not allowed for you`);
    }
    const kubeconfig = await this.vclusterKubeconfig(
      profile,
      input.vcluster,
      credentials,
    );
    const id = randomUUID();
    const jobName = `term-${id}`;
    const now = clock();
    const rejected = await store.insertWithinCaps(
      {
        id,
        owner,
        profile: profile.name,
        vcluster: input.vcluster,
        namespace: this.deps.jobs.namespace,
        jobName,
        secretName: credentialSecretName(jobName),
        ttydCredential: newTtydCredential(),
        warm: false,
        recording: profile.recording,
        recordInput: profile.recordInput,
        idleTimeoutSeconds: profile.idleTimeoutSeconds,
        createdAt: now,
        expiresAt: new Date(now.getTime() + profile.maxLifetimeSeconds * 1000),
      },
      options.limits,
    );
    if (rejected === 'perUser') {
      throw new SessionLimitError(
        `You already have ${options.limits.perUser} live sessions; end one first`,
      );
    }
    if (rejected === 'global') {
      throw new SessionCapacityError(
        'Every terminal session slot is taken; try again shortly',
      );
    }
    const runner = await this.startRunner(id, owner, profile, kubeconfig);
    await store.assignRunner(id, runner);
    this.deps.logger.info('Terminal session created', {
      session: id,
      owner,
      profile: profile.name,
      warm: runner.warm,
    });
    return (await store.get(id))!;
  }

  /** One owner's sessions, or everyone's. */
  list(owner?: string): Promise<StoredSession[]> {
    return this.deps.store.list({ owner });
  }

  async get(id: string): Promise<StoredSession> {
    const session = await this.deps.store.get(id);
    if (!session) throw new NotFoundError(`No terminal session ${id}`);
    return session;
  }

  /** Ends the session (idempotent) and returns it as it is now. */
  async end(session: StoredSession, by: string): Promise<StoredSession> {
    await this.deps.terminator.end(session, `ended by ${by}`);
    return this.get(session.id);
  }

  /** A one-time ticket to connect through the gateway; the session must be Ready. */
  async ticket(session: StoredSession) {
    if (session.state !== 'Ready' || !session.podUid) {
      throw new ConflictError(
        `Session ${session.id} is ${session.state}, not Ready`,
      );
    }
    return this.deps.issuer.issue({
      owner: session.owner,
      sessionId: session.id,
      podUid: session.podUid,
    });
  }

  /** The asciicast v2 recording; NotFoundError when nothing was recorded. */
  async recording(session: StoredSession): Promise<string> {
    const lines = await this.deps.store.recording(session.id);
    if (!lines.length) {
      throw new NotFoundError(`Session ${session.id} has no recording`);
    }
    return lines.join('');
  }

  private async startRunner(
    id: string,
    owner: string,
    profile: SessionProfile,
    kubeconfig: string | undefined,
  ): Promise<RunnerAssignment> {
    const { store, jobs } = this.deps;
    const session = (await store.get(id))!;
    try {
      if (!kubeconfig) {
        const warm = await this.deps.warmPool.claim(profile, { id, owner });
        if (warm) return warm;
      }
      await jobs.create(
        renderRunnerJob({
          jobName: session.jobName!,
          namespace: jobs.namespace,
          profile,
          purpose: { session: id, owner, kubeconfig },
          credential: session.ttydCredential,
          ttlSecondsAfterFinished: this.deps.options.ttlSecondsAfterFinished,
        }),
      );
      return {
        jobName: session.jobName!,
        secretName: session.secretName!,
        ttydCredential: session.ttydCredential,
        warm: false,
      };
    } catch (error) {
      // Nothing of a failed create remains: RunnerJobs removed its objects, drop the row.
      await store.remove(id);
      throw error;
    }
  }

  private async vclusterKubeconfig(
    profile: SessionProfile,
    vcluster: string | undefined,
    credentials: UserCredentials,
  ): Promise<string | undefined> {
    if (!profile.vcluster) {
      if (vcluster) {
        throw new InputError(
          `Profile "${profile.name}" does not mount a vCluster`,
        );
      }
      return undefined;
    }
    if (!vcluster) {
      throw new InputError(`Profile "${profile.name}" needs a vcluster`);
    }
    if (!this.deps.vclusterKubeconfigs) {
      throw new InputError('vCluster shells are not available');
    }
    return this.deps.vclusterKubeconfigs(vcluster, credentials);
  }

  private async claimsOf(credentials: UserCredentials): Promise<string[]> {
    const info = await this.deps.userInfo.getUserInfo(credentials);
    return info.ownershipEntityRefs;
  }

  private allows(profile: SessionProfile, claims: string[]): boolean {
    return (
      profile.allowedGroups.length === 0 ||
      profile.allowedGroups.some(group => claims.includes(group))
    );
  }
}
