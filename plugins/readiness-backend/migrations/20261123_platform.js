// @ts-check

/**
 * Platform readiness: the latest status of each expected platform component per cluster, and one
 * history row per scan for the trend. Times are bound from the backend, as in the first migration.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('readiness_platform_components', table => {
    table.comment(
      'The latest status per cluster and expected platform component; replaced per scan',
    );
    table.string('cluster').notNullable();
    table.string('component').notNullable();
    table.string('scan_id').notNullable();
    table
      .string('health')
      .notNullable()
      .comment('Healthy | Degraded | Missing');
    table
      .timestamp('since', { useTz: true })
      .notNullable()
      .comment('The first scan that saw the current health');
    table
      .text('entity_refs')
      .nullable()
      .comment('JSON array of the catalog entities showing this component');
    table.text('detail').notNullable().comment('JSON ComponentStatus');
    table.primary(['cluster', 'component']);
  });

  await knex.schema.createTable('readiness_platform_history', table => {
    table.comment('One row per scan of a cluster with expected components');
    table.bigIncrements('id').primary();
    table.string('cluster').notNullable();
    table.string('scan_id').notNullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.integer('ready_percent').notNullable();
    table.integer('healthy').notNullable();
    table.integer('expected').notNullable();
    table
      .text('components')
      .notNullable()
      .comment('JSON object: component name to health');
    table.index(['cluster', 'at'], 'readiness_platform_history_cluster_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('readiness_platform_history');
  await knex.schema.dropTable('readiness_platform_components');
};
