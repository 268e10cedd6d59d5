import { randomUUID } from 'node:crypto';
import { SessionStoreTables } from '@hatchway/plugin-terminal-common';
import {
  createTestDatabase,
  insertSession,
  TestDatabase,
} from '../__testUtils__/testDatabase';
import { SessionStore } from './SessionStore';

describe.each(['pg', 'better-sqlite3'] as const)(
  'SessionStore on %s: spending tickets of concurrent handshakes',
  kind => {
    let db: TestDatabase;
    let store: SessionStore;

    beforeAll(async () => {
      db = await createTestDatabase(kind);
      store = new SessionStore(db.knex, 10_000);
    });
    afterAll(() => db.close());

    const spend = (
      session: Awaited<ReturnType<typeof insertSession>>,
      jti = randomUUID(),
      overrides: Partial<{ owner: string; podUid: string }> = {},
    ) =>
      store.spendTicketAndGetSession({
        jti,
        sessionId: session.id,
        expiresAt: new Date(Date.now() + 60_000),
        owner: overrides.owner ?? session.owner,
        podUid: overrides.podUid ?? session.pod_uid,
      });

    it('answers 60 spends made at once each with its own session, and records each as activity', async () => {
      const sessions = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          insertSession(db.knex, { pod_ip: `10.1.0.${i}` }),
        ),
      );
      const results = await Promise.all(sessions.map(s => spend(s)));
      expect(
        results.map(r => [r.spent, r.session?.id, r.session?.pod_ip]),
      ).toEqual(sessions.map(s => [true, s.id, s.pod_ip]));
      const touched = await db
        .knex(SessionStoreTables.sessions)
        .whereIn(
          'id',
          sessions.map(s => s.id),
        )
        .whereNotNull('last_activity_at');
      expect(touched).toHaveLength(60);
    });

    it('spends a ticket presented twice among concurrent spends once: the other use reads as spent before', async () => {
      const [a, b] = await Promise.all([
        insertSession(db.knex, { pod_ip: '10.2.0.1' }),
        insertSession(db.knex, { pod_ip: '10.2.0.2' }),
      ]);
      const jti = randomUUID();
      const results = await Promise.all([
        spend(b),
        spend(a, jti),
        spend(a, jti),
        spend(b),
        spend(a, jti),
      ]);
      expect(results.map(r => r.spent)).toEqual([
        true,
        true,
        false,
        true,
        false,
      ]);
      expect([results[0].session?.id, results[1].session?.id]).toEqual([
        b.id,
        a.id,
      ]);
      const rows = await db
        .knex(SessionStoreTables.spentTickets)
        .where({ jti });
      expect(rows).toHaveLength(1);
    });

    it("reads an unknown session as undefined and leaves another owner's session's activity alone", async () => {
      const session = await insertSession(db.knex, { pod_ip: '10.3.0.1' });
      const [unknown, otherOwner] = await Promise.all([
        store.spendTicketAndGetSession({
          jti: randomUUID(),
          sessionId: 's-does-not-exist',
          expiresAt: new Date(Date.now() + 60_000),
          owner: session.owner,
          podUid: session.pod_uid,
        }),
        spend(session, randomUUID(), { owner: 'user:default/mallory' }),
      ]);
      expect(unknown).toEqual({ spent: true, session: undefined });
      expect(otherOwner.session?.owner).toBe(session.owner);
      const row = await db
        .knex(SessionStoreTables.sessions)
        .where({ id: session.id })
        .first();
      expect(row.last_activity_at).toBeNull();
    });
  },
);
