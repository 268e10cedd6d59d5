import { mockServices } from '@backstage/backend-test-utils';
import { SessionStoreTables } from '@hatchway/plugin-terminal-common';
import { BatchV1Api } from '@kubernetes/client-node';
import { readTerminalConfig } from '../config/readTerminalConfig';
import { ConfigReader } from '@backstage/config';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  RUNNER_NAMESPACE,
  startRunnerCluster,
} from '../__testUtils__/emulator';
import { SLEEPER_IMAGE } from '../__testUtils__/config';
import { DatabaseSessionStore } from '../database/DatabaseSessionStore';
import { credentialSecretName } from '../kubernetes/labels';
import {
  newTtydCredential,
  renderRunnerJob,
} from '../kubernetes/renderRunnerJob';
import { RunnerJobs } from '../kubernetes/RunnerJobs';
import { reapReason, SessionReaper } from './SessionReaper';
import { SessionTerminator } from './SessionTerminator';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const T0 = new Date('2026-11-30T10:00:00Z');
const profile = readTerminalConfig(
  new ConfigReader({
    terminal: {
      profiles: {
        p: {
          title: 'P',
          image: SLEEPER_IMAGE,
          idleTimeoutSeconds: 600,
          maxLifetimeSeconds: 3600,
        },
      },
    },
  }),
).profiles.get('p')!;

describe('reapReason', () => {
  const session = {
    createdAt: T0,
    expiresAt: new Date(T0.getTime() + 3600_000),
    idleTimeoutSeconds: 600,
  } as any;
  const at = (s: number) => new Date(T0.getTime() + s * 1000);
  it('ends at the maximum lifetime and after the idle timeout since the last sign of life', () => {
    expect(reapReason(session, at(599))).toBeUndefined();
    expect(reapReason(session, at(600))).toBe('idle for more than 600 s');
    expect(
      reapReason({ ...session, readyAt: at(100) }, at(650)),
    ).toBeUndefined();
    expect(
      reapReason({ ...session, lastActivityAt: at(3000) }, at(3500)),
    ).toBeUndefined();
    expect(reapReason({ ...session, lastActivityAt: at(3500) }, at(3600))).toBe(
      'maximum lifetime reached',
    );
  });
});

describe.each(databases.eachSupportedId())('SessionReaper on %s', dbId => {
  it('ends idle and expired sessions, deletes their runners, prunes tickets and old recordings', async () => {
    const cluster = await startRunnerCluster();
    try {
      const knex = await databases.init(dbId);
      const store = await DatabaseSessionStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const jobs = new RunnerJobs(cluster.kubeConfig, RUNNER_NAMESPACE);
      let now = T0;
      const clock = () => now;
      const logger = mockServices.logger.mock();
      const terminator = new SessionTerminator(store, jobs, logger, clock);
      const reaper = new SessionReaper({
        store,
        terminator,
        recordingRetentionDays: 30,
        logger,
        clock,
      });

      const start = async (id: string, lastActivityAt?: Date) => {
        const jobName = `term-${id}`;
        await store.insertWithinCaps(
          {
            id,
            owner: 'user:default/jane',
            profile: 'p',
            namespace: RUNNER_NAMESPACE,
            jobName,
            secretName: credentialSecretName(jobName),
            ttydCredential: newTtydCredential(),
            warm: false,
            recording: false,
            recordInput: false,
            idleTimeoutSeconds: 600,
            createdAt: T0,
            expiresAt: new Date(T0.getTime() + 3600_000),
          },
          { perUser: 10, global: 10 },
        );
        if (lastActivityAt) {
          await knex(SessionStoreTables.sessions)
            .where({ id })
            .update({ last_activity_at: lastActivityAt });
        }
        await jobs.create(
          renderRunnerJob({
            jobName,
            namespace: RUNNER_NAMESPACE,
            profile,
            purpose: { session: id, owner: 'user:default/jane' },
            credential: 'hatchway:x',
            ttlSecondsAfterFinished: 60,
          }),
        );
      };
      await start('idle');
      await start('busy', new Date(T0.getTime() + 500_000));
      await knex(SessionStoreTables.spentTickets).insert({
        jti: 'j',
        session_id: 'idle',
        expires_at: new Date(T0.getTime() + 60_000),
        spent_at: T0,
      });

      now = new Date(T0.getTime() + 700_000);
      expect(await reaper.run()).toEqual({
        ended: 1,
        ticketsPruned: 1,
        chunksPruned: 0,
      });
      expect(await store.get('idle')).toMatchObject({
        state: 'Ended',
        reason: 'idle for more than 600 s',
      });
      expect((await store.get('busy'))!.state).toBe('Starting');
      const batch = cluster.kubeConfig.makeApiClient(BatchV1Api);
      const names = async () =>
        (
          await batch.listNamespacedJob({ namespace: RUNNER_NAMESPACE })
        ).items.map(j => j.metadata!.name);
      expect(await names()).toEqual(['term-busy']);
      await expect(
        cluster.core.readNamespacedSecret({
          name: 'term-idle-credential',
          namespace: RUNNER_NAMESPACE,
        }),
      ).rejects.toMatchObject({ code: 404 });

      now = new Date(T0.getTime() + 3600_000);
      expect((await reaper.run()).ended).toBe(1);
      expect(await store.get('busy')).toMatchObject({
        state: 'Ended',
        reason: 'maximum lifetime reached',
      });
      expect(await names()).toEqual([]);
      // Nothing left to do: a second run is a no-op.
      expect(await reaper.run()).toEqual({
        ended: 0,
        ticketsPruned: 0,
        chunksPruned: 0,
      });
    } finally {
      await cluster.emulator.close();
    }
  });
});
