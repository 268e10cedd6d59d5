// @ts-check

/**
 * The session store (contract in @hatchway/plugin-terminal-common `store/contract.ts`), shared
 * with the gateway. Times are bound from the application (never the database's clock) so SQLite
 * and Postgres agree: Postgres returns Dates, SQLite the epoch milliseconds they were bound as.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('terminal_sessions', table => {
    table.comment(
      'One row per terminal session, kept after it ends as history',
    );
    table.string('id', 64).primary().notNullable();
    table.string('owner').notNullable().comment('user entity ref');
    table.string('profile').notNullable();
    table.string('vcluster').nullable();
    table.string('state', 16).notNullable().comment('Starting | Ready | Ended');
    table.text('reason').nullable();
    table.string('namespace').notNullable();
    table.string('job_name').nullable();
    table.string('secret_name').nullable();
    table.string('pod_name').nullable();
    table.string('pod_uid').nullable();
    table.string('pod_ip').nullable();
    table
      .string('ttyd_credential')
      .notNullable()
      .comment("ttyd's -c user:password; read only by the gateway");
    table.boolean('warm').notNullable().defaultTo(false);
    table.boolean('recording').notNullable().defaultTo(false);
    table.boolean('record_input').notNullable().defaultTo(false);
    table.integer('idle_timeout_seconds').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('ready_at', { useTz: true }).nullable();
    table.timestamp('last_activity_at', { useTz: true }).nullable();
    table.timestamp('ended_at', { useTz: true }).nullable();
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table.index(['owner', 'state'], 'terminal_sessions_owner_state_idx');
    table.index(['state', 'expires_at'], 'terminal_sessions_state_idx');
    table.index(['pod_uid'], 'terminal_sessions_pod_uid_idx');
  });

  // Spent ticket ids only have to outlive their ticket's expiry: UNLOGGED on Postgres.
  if (knex.client.config.client === 'pg') {
    await knex.raw(`
      CREATE UNLOGGED TABLE terminal_spent_tickets (
        jti varchar(64) PRIMARY KEY,
        session_id varchar(64) NOT NULL,
        expires_at timestamptz NOT NULL,
        spent_at timestamptz NOT NULL
      )`);
  } else {
    await knex.schema.createTable('terminal_spent_tickets', table => {
      table.string('jti', 64).primary().notNullable();
      table.string('session_id', 64).notNullable();
      table.timestamp('expires_at', { useTz: true }).notNullable();
      table.timestamp('spent_at', { useTz: true }).notNullable();
    });
  }
  await knex.schema.alterTable('terminal_spent_tickets', table => {
    table.index(['expires_at'], 'terminal_spent_tickets_expires_idx');
  });

  await knex.schema.createTable('terminal_recording_chunks', table => {
    table.comment(
      'asciicast v2 lines of recorded sessions, written by the gateway',
    );
    table.string('session_id', 64).notNullable();
    table.integer('seq').notNullable().comment('0 holds the header');
    table.text('data').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.primary(['session_id', 'seq']);
    table.index(['created_at'], 'terminal_recording_chunks_created_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('terminal_recording_chunks');
  await knex.schema.dropTable('terminal_spent_tickets');
  await knex.schema.dropTable('terminal_sessions');
};
