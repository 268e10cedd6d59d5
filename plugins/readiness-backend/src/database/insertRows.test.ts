import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';
import { insertRows } from './insertRows';
import { FINDING_COLUMNS, FINDINGS, FindingRow, toDate } from './rows';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const EXPIRES = new Date('2027-01-31T12:34:56.789Z');

/** Rows that cross every statement boundary, made one at a time as they are written. */
function* findingRows(count: number): Generator<FindingRow> {
  for (let i = 0; i < count; i++) {
    yield {
      cluster: 'prod',
      scan_id: 'scan-1',
      resource_key: `prod|apps|Deployment|shop|api-${i}`,
      api_version: 'apps/v1',
      kind: 'Deployment',
      namespace: i % 2 ? 'shop' : '',
      name: `api-${i}`,
      container: '',
      check_id: 'run-as-non-root',
      severity: 'danger',
      category: 'security',
      status: i % 3 ? 'passed' : 'failed',
      // Quotes, a newline, a question mark, a backslash, braces, commas and non-ASCII text must
      // arrive as they were; so must the word NULL (array literals spell null that way).
      message:
        i === 3
          ? 'NULL'
          : `Container "app" runs as root? It's row ${i}, {a,b} C:\\x\n— naïve 🚀`,
      field_paths: i % 3 ? null : JSON.stringify(['spec.containers[0]']),
      labels: i % 5 ? null : JSON.stringify({ app: `api-${i}` }),
      policy_report: null,
      exemption_id: i === 7 ? 'legacy-root' : null,
      exemption_source: i === 7 ? 'exemption' : null,
      exemption_expires_at: i === 7 ? EXPIRES : null,
      exemption: i === 7 ? JSON.stringify({ id: 'legacy-root' }) : null,
    };
  }
}

describe.each(databases.eachSupportedId())('insertRows on %s', id => {
  let knex: Knex;

  beforeEach(async () => {
    knex = await databases.init(id);
    await DatabaseReadinessStore.create({
      database: { getClient: async () => knex },
    });
  });

  it('writes every row of a generator, across statements, exactly as given', async () => {
    const count = 4321;
    const inserted = await knex.transaction(trx =>
      insertRows(trx, FINDINGS, FINDING_COLUMNS, findingRows(count)),
    );
    expect(inserted).toBe(count);
    const stored = await knex<FindingRow>(FINDINGS).orderBy('id');
    expect(stored).toHaveLength(count);
    const expected = [...findingRows(count)];
    stored.forEach((row, i) => {
      const { id: _rowId, exemption_expires_at: expires, ...rest } = row;
      const { exemption_expires_at: wanted, ...wantedRest } = expected[i];
      expect(rest).toEqual(wantedRest);
      expect(expires === null ? null : toDate(expires).getTime()).toBe(
        wanted === null ? null : (wanted as Date).getTime(),
      );
    });
    // Dates compare as times in queries, as rows written by knex do.
    const unexpired = await knex(FINDINGS)
      .where('exemption_expires_at', '>', new Date('2027-01-01T00:00:00Z'))
      .count({ n: '*' });
    expect(Number(unexpired[0].n)).toBe(1);
  });

  it('writes rows outside a transaction too', async () => {
    expect(
      await insertRows(knex, FINDINGS, FINDING_COLUMNS, findingRows(450)),
    ).toBe(450);
    expect(Number((await knex(FINDINGS).count({ n: '*' }))[0].n)).toBe(450);
  });

  it('leaves nothing behind when a row is refused', async () => {
    function* withBadRow() {
      let i = 0;
      for (const row of findingRows(2500)) {
        // The 2,222nd row breaks a NOT NULL column, after earlier statements succeeded.
        yield i++ === 2221 ? { ...row, name: null as unknown as string } : row;
      }
    }
    // Read as a value, not with `rejects.toThrow()`: better-sqlite3 makes its errors with the
    // Error class of the first test file that loaded it in this worker, not of this one.
    const refused = await knex
      .transaction(trx =>
        insertRows(trx, FINDINGS, FINDING_COLUMNS, withBadRow()),
      )
      .then(
        () => undefined,
        (error: { message?: string }) => error,
      );
    expect(refused?.message).toMatch(/not[ -]null/i);
    expect(Number((await knex(FINDINGS).count({ n: '*' }))[0].n)).toBe(0);
  });
});
