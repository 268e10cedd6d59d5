// @ts-check

/**
 * Live re-scoring: which backend instance watches each cluster (a lease, so only one writes), and
 * how its watch is doing, so every instance answers `GET /clusters` alike.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('readiness_live_status', table => {
    table.comment(
      'One row per cluster: the lease of the instance watching it and its watch state',
    );
    table.string('cluster').primary().notNullable();
    table.string('holder').nullable().comment('the watching instance');
    table.timestamp('lease_expires_at', { useTz: true }).notNullable();
    table.string('state').notNullable().comment('starting | active | degraded');
    table.text('message').nullable();
    table.timestamp('since', { useTz: true }).notNullable();
    table
      .timestamp('last_update_at', { useTz: true })
      .nullable()
      .comment('the last live re-scoring written');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('readiness_live_status');
};
