import { mockServices } from '@backstage/backend-test-utils';
import { SessionStoreTables } from '@hatchway/plugin-terminal-common';
import { createTestDatabases } from '../__testUtils__/databases';
import { DatabaseSessionStore } from './DatabaseSessionStore';
import { NewSession } from './types';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const T0 = new Date('2026-11-30T10:00:00.000Z');
const limits = { perUser: 3, global: 5 };

function newSession(id: string, owner = 'user:default/jane'): NewSession {
  return {
    id,
    owner,
    profile: 'shell',
    namespace: 'hatchway-runners',
    jobName: `term-${id}`,
    secretName: `term-${id}-credential`,
    ttydCredential: `hatchway:secret-${id}`,
    warm: false,
    recording: true,
    recordInput: false,
    idleTimeoutSeconds: 900,
    createdAt: T0,
    expiresAt: new Date(T0.getTime() + 3600_000),
  };
}

describe.each(databases.eachSupportedId())('DatabaseSessionStore on %s', id => {
  async function setup() {
    const knex = await databases.init(id);
    const store = await DatabaseSessionStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    return { knex, store };
  }

  it('stores a session and reads it back with dates and booleans', async () => {
    const { store } = await setup();
    expect(
      await store.insertWithinCaps(newSession('a'), limits),
    ).toBeUndefined();
    const session = await store.get('a');
    expect(session).toMatchObject({
      id: 'a',
      state: 'Starting',
      recording: true,
      warm: false,
      ttydCredential: 'hatchway:secret-a',
    });
    expect(session!.createdAt.toISOString()).toBe(T0.toISOString());
    expect(await store.get('missing')).toBeUndefined();
  });

  it('turns Ready only when the pod is Ready, and ends only once', async () => {
    const { store } = await setup();
    await store.insertWithinCaps(newSession('b'), limits);
    const pod = { podName: 'p', podUid: 'uid-1', podIp: '127.1.0.9' };
    await store.recordPod('b', pod, false, T0);
    expect(await store.get('b')).toMatchObject({
      state: 'Starting',
      podIp: '127.1.0.9',
    });
    await store.recordPod('b', pod, true, new Date(T0.getTime() + 500));
    const ready = await store.get('b');
    expect(ready).toMatchObject({ state: 'Ready', podUid: 'uid-1' });
    expect(ready!.readyAt!.getTime()).toBe(T0.getTime() + 500);
    expect(await store.end('b', 'runner pod deleted', T0)).toBe(true);
    expect(await store.end('b', 'again', T0)).toBe(false);
    expect(await store.get('b')).toMatchObject({
      state: 'Ended',
      reason: 'runner pod deleted',
    });
    // An ended session does not come back to life from a late pod event.
    await store.recordPod('b', pod, true, T0);
    expect((await store.get('b'))!.state).toBe('Ended');
  });

  it('keeps both caps under 20 concurrent creates', async () => {
    const { store } = await setup();
    const owners = ['user:default/a', 'user:default/b', 'user:default/c'];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.insertWithinCaps(newSession(`c${i}`, owners[i % 3]), limits),
      ),
    );
    const live = await store.listLive();
    expect(live).toHaveLength(5);
    expect(results.filter(r => r === undefined)).toHaveLength(5);
    for (const owner of owners) {
      expect(live.filter(s => s.owner === owner).length).toBeLessThanOrEqual(3);
    }
    // Ending one frees a slot.
    await store.end(live[0].id, 'done', T0);
    expect(
      await store.insertWithinCaps(newSession('again', live[0].owner), limits),
    ).toBeUndefined();
  });

  it('refuses the fourth live session of one user as perUser', async () => {
    const { store } = await setup();
    for (const n of [1, 2, 3]) {
      expect(
        await store.insertWithinCaps(newSession(`u${n}`), limits),
      ).toBeUndefined();
    }
    expect(await store.insertWithinCaps(newSession('u4'), limits)).toBe(
      'perUser',
    );
    expect(await store.get('u4')).toBeUndefined();
  });

  it('prunes expired spent tickets and old recording chunks, serves chunks in order', async () => {
    const { knex, store } = await setup();
    await knex(SessionStoreTables.spentTickets).insert([
      {
        jti: 'old',
        session_id: 'x',
        expires_at: new Date(T0.getTime() - 1),
        spent_at: T0,
      },
      {
        jti: 'new',
        session_id: 'x',
        expires_at: new Date(T0.getTime() + 60_000),
        spent_at: T0,
      },
    ]);
    await knex(SessionStoreTables.recordings).insert([
      { session_id: 'r', seq: 1, data: '[0.5,"o","hi"]\n', created_at: T0 },
      { session_id: 'r', seq: 0, data: '{"version":2}\n', created_at: T0 },
      {
        session_id: 'old',
        seq: 0,
        data: '{}\n',
        created_at: new Date(T0.getTime() - 40 * 86400_000),
      },
    ]);
    expect(await store.pruneSpentTickets(T0)).toBe(1);
    expect(
      (await knex(SessionStoreTables.spentTickets)).map(r => r.jti),
    ).toEqual(['new']);
    expect(await store.recording('r')).toEqual([
      '{"version":2}\n',
      '[0.5,"o","hi"]\n',
    ]);
    expect(
      await store.pruneRecordings(new Date(T0.getTime() - 30 * 86400_000)),
    ).toBe(1);
    expect(await store.recording('old')).toEqual([]);
  });
});
