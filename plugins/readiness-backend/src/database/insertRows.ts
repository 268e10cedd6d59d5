import { Knex } from 'knex';

/** Rows per prepared SQLite statement. */
const ROWS_PER_STATEMENT = 100;
/** Rows per statement for Postgres, sent as one array parameter per column. */
const ROWS_PER_ARRAY_STATEMENT = 2000;
/** Rows per knex insert: knex writes them for SQLite as a compound SELECT, capped at 500 terms. */
const ROWS_PER_KNEX_INSERT = 400;

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** The part of a better-sqlite3 connection this uses. */
interface SqliteConnection {
  prepare(sql: string): { run(values: unknown[]): unknown };
}

const isSqliteConnection = (
  connection: unknown,
): connection is SqliteConnection =>
  typeof (connection as SqliteConnection | undefined)?.prepare === 'function';

const isPostgres = (db: Knex | Knex.Transaction) =>
  ['pg', 'postgres', 'postgresql'].includes(
    String(db.client.config?.client ?? ''),
  );

/**
 * Inserts rows as they come (an array, or a generator that makes each row only when it is
 * written) and returns how many it inserted. knex compiles a multi-row insert value by value,
 * for SQLite as a compound SELECT that SQLite is slow to parse, and prepares every statement
 * anew: at the 600,000 findings of a 10,000-workload cluster that took three times as long as
 * storing the rows. So in a transaction on SQLite (better-sqlite3) the rows go through two
 * statements prepared once, on the transaction's own connection; on Postgres a few thousand rows
 * travel as one array per column, of the column's type, that the server unnests into rows
 * (half the time of sending them as JSON); anything else takes knex's own inserts. Dates are
 * stored as knex binds them: epoch milliseconds in SQLite, timestamps in Postgres.
 */
export async function insertRows<Row extends object>(
  db: Knex | Knex.Transaction,
  table: string,
  columns: ReadonlyArray<keyof Row & string>,
  rows: Iterable<Row>,
): Promise<number> {
  const target = `insert into ${quote(table)} (${columns
    .map(quote)
    .join(', ')})`;
  // Only better-sqlite3's statements run synchronously and throw: node-sqlite3's report later.
  if (db.isTransaction && db.client.driverName === 'better-sqlite3') {
    const connection: unknown = await (
      db.client as { acquireConnection(): Promise<unknown> }
    ).acquireConnection();
    if (isSqliteConnection(connection)) {
      return insertSqlite(connection, target, columns, rows);
    }
  }
  if (isPostgres(db)) {
    // One array parameter per column, each of the column's own type, unnested into rows.
    const types = await postgresColumnTypes(db, table);
    const sql = `${target} select * from unnest(${columns
      .map(column => `?::${types.get(column) ?? 'text'}[]`)
      .join(', ')})`;
    return inBatches(rows, ROWS_PER_ARRAY_STATEMENT, batch =>
      db.raw(
        sql,
        // node-postgres writes each JS array as an array literal, elements quoted.
        columns.map(
          column => batch.map(row => row[column] ?? null) as Knex.Value,
        ),
      ),
    );
  }
  return inBatches(rows, ROWS_PER_KNEX_INSERT, batch =>
    db(table).insert(batch),
  );
}

/** Each column's type as SQL writes it (`character varying(255)`, `timestamp with time zone`). */
async function postgresColumnTypes(
  db: Knex | Knex.Transaction,
  table: string,
): Promise<Map<string, string>> {
  const result = await db.raw(
    `select attname as name, format_type(atttypid, atttypmod) as type
       from pg_attribute
      where attrelid = ?::regclass and attnum > 0 and not attisdropped`,
    [quote(table)],
  );
  return new Map(
    (result.rows as Array<{ name: string; type: string }>).map(r => [
      r.name,
      r.type,
    ]),
  );
}

/** Hands `write` the rows a batch of `size` at a time; how many rows there were. */
async function inBatches<Row>(
  rows: Iterable<Row>,
  size: number,
  write: (batch: Row[]) => Promise<unknown>,
): Promise<number> {
  let batch: Row[] = [];
  let inserted = 0;
  for (const row of rows) {
    batch.push(row);
    if (batch.length === size) {
      await write(batch);
      inserted += batch.length;
      batch = [];
    }
  }
  if (batch.length) {
    await write(batch);
    inserted += batch.length;
  }
  return inserted;
}

/** Statements run between two turns of the event loop: SQLite's work is synchronous. */
const STATEMENTS_PER_TURN = 20;

/** Writes the rows through two statements prepared once: one of 100 rows, one for the rest. */
async function insertSqlite<Row extends object>(
  connection: SqliteConnection,
  target: string,
  columns: ReadonlyArray<keyof Row & string>,
  rows: Iterable<Row>,
): Promise<number> {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const one = connection.prepare(`${target} values ${tuple}`);
  const many = connection.prepare(
    `${target} values ${new Array(ROWS_PER_STATEMENT).fill(tuple).join(', ')}`,
  );
  let values: unknown[] = [];
  let pending = 0;
  let inserted = 0;
  for (const row of rows) {
    for (const column of columns) values.push(sqliteValue(row[column]));
    if (++pending === ROWS_PER_STATEMENT) {
      many.run(values);
      inserted += pending;
      values = [];
      pending = 0;
      // Lets the backend answer requests meanwhile, as it did between knex's statements.
      if (inserted % (ROWS_PER_STATEMENT * STATEMENTS_PER_TURN) === 0)
        await new Promise(resolve => setImmediate(resolve));
    }
  }
  for (let i = 0; i < values.length; i += columns.length) {
    one.run(values.slice(i, i + columns.length));
    inserted++;
  }
  return inserted;
}

/** A value as knex's SQLite clients bind it. */
function sqliteValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'boolean') return Number(value);
  return value;
}
