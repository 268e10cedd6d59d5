// @ts-check

/**
 * The readiness tables. Times are bound from the backend (never the database's clock) so that
 * SQLite and Postgres agree; empty strings stand for "no namespace" and "no container" so that
 * keys stay comparable with plain equality on every database.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('readiness_scans', table => {
    table.comment(
      'One row per scan of one cluster, running, succeeded or failed',
    );
    table.string('id').primary().notNullable();
    table.string('cluster').notNullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table
      .string('status')
      .notNullable()
      .comment('running | succeeded | failed');
    table.text('error').nullable();
    table.integer('score').nullable();
    table.string('level').nullable();
    table.integer('object_count').nullable();
    table.integer('finding_count').nullable();
    table.text('warnings').nullable().comment('JSON array of engine warnings');
    table.index(['cluster', 'started_at'], 'readiness_scans_cluster_idx');
  });

  await knex.schema.createTable('readiness_findings', table => {
    table.comment(
      'The latest finding per cluster, resource, check and container; replaced per scan',
    );
    table.bigIncrements('id').primary();
    table.string('cluster').notNullable();
    table.string('scan_id').notNullable();
    table.string('resource_key', 1024).notNullable();
    table.string('api_version').notNullable();
    table.string('kind').notNullable();
    table.string('namespace').notNullable().defaultTo('');
    table.string('name').notNullable();
    table.string('container').notNullable().defaultTo('');
    table.string('check_id').notNullable();
    table.string('severity').notNullable();
    table.string('category').notNullable();
    table.string('status').notNullable();
    table.text('message').notNullable();
    table.text('field_paths').nullable().comment('JSON array');
    table
      .text('labels')
      .nullable()
      .comment('JSON object, for exemption matching');
    table.text('policy_report').nullable().comment('JSON PolicyReportOrigin');
    table.string('exemption_id').nullable();
    table.string('exemption_source').nullable();
    table.timestamp('exemption_expires_at', { useTz: true }).nullable();
    table.text('exemption').nullable().comment('JSON FindingExemption');
    table.index(['cluster', 'namespace'], 'readiness_findings_scope_idx');
    table.index(['cluster', 'resource_key'], 'readiness_findings_resource_idx');
    table.index(['check_id'], 'readiness_findings_check_idx');
    table.index(['exemption_id'], 'readiness_findings_exemption_idx');
  });

  await knex.schema.createTable('readiness_resource_entities', table => {
    table.comment(
      'Which catalog entities (and owners) each scanned resource maps to; replaced per scan',
    );
    table.string('cluster').notNullable();
    table.string('resource_key', 1024).notNullable();
    table.string('entity_ref').notNullable();
    table.string('owner').nullable();
    table.index(['entity_ref'], 'readiness_resource_entities_entity_idx');
    table.index(['owner'], 'readiness_resource_entities_owner_idx');
    table.index(
      ['cluster', 'resource_key'],
      'readiness_resource_entities_res_idx',
    );
  });

  await knex.schema.createTable('readiness_snapshots', table => {
    table.comment('One score per scope and day, for trends');
    table.bigIncrements('id').primary();
    table.string('day', 10).notNullable().comment('UTC date, YYYY-MM-DD');
    table.string('cluster').notNullable();
    table
      .string('scope_type')
      .notNullable()
      .comment('cluster | namespace | entity | owner');
    table.string('scope_ref').notNullable();
    table.integer('score').notNullable();
    table.string('level').notNullable();
    table.integer('passed').notNullable();
    table.integer('failed').notNullable();
    table.integer('exempted').notNullable();
    table.integer('skipped').notNullable();
    table.text('detail').notNullable().comment('JSON Score');
    table.timestamp('recorded_at', { useTz: true }).notNullable();
    table.unique(['day', 'cluster', 'scope_type', 'scope_ref'], {
      indexName: 'readiness_snapshots_scope_day_uniq',
    });
    table.index(
      ['scope_type', 'scope_ref', 'day'],
      'readiness_snapshots_scope_idx',
    );
  });

  await knex.schema.createTable('readiness_exemptions', table => {
    table.comment(
      'Accepted risks: check ids and a resource match, with an expiry',
    );
    table.string('id').primary().notNullable();
    table.text('check_ids').notNullable().comment('JSON array');
    table.text('match').notNullable().comment('JSON ExemptionMatch');
    table.text('reason').notNullable();
    table.string('owner').notNullable();
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table.string('created_by').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['expires_at'], 'readiness_exemptions_expiry_idx');
  });

  await knex.schema.createTable('readiness_audit', table => {
    table.comment('Who created or deleted which exemption, and when');
    table.bigIncrements('id').primary();
    table.string('actor').notNullable();
    table
      .string('action')
      .notNullable()
      .comment('exemption.create | exemption.delete');
    table.string('exemption_id').notNullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.text('details').nullable().comment('JSON copy of the exemption');
    table.index(['exemption_id'], 'readiness_audit_exemption_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('readiness_audit');
  await knex.schema.dropTable('readiness_exemptions');
  await knex.schema.dropTable('readiness_snapshots');
  await knex.schema.dropTable('readiness_resource_entities');
  await knex.schema.dropTable('readiness_findings');
  await knex.schema.dropTable('readiness_scans');
};
