// @ts-check

/**
 * The vCluster tables. Times are bound from the backend (never the database's clock) so SQLite
 * and Postgres agree. A deleted vCluster's row is removed once its host namespace is gone; the
 * audit table keeps its history. No column ever holds a kubeconfig or a token.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('vcluster_clusters', table => {
    table.comment('One row per vCluster that exists or is being deleted');
    table.string('name', 63).primary().notNullable();
    table.string('cluster').notNullable().comment('host cluster name');
    table.string('owner').notNullable().comment('owner entity ref');
    table.string('size').notNullable();
    table
      .string('phase', 16)
      .notNullable()
      .comment('Provisioning | Ready | Failed | Sleeping | Deleting');
    table
      .string('desired', 16)
      .notNullable()
      .comment('running | sleeping | deleted: what the owner asked for');
    table.text('reason').nullable();
    table.string('created_by').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table
      .timestamp('phase_since', { useTz: true })
      .notNullable()
      .comment('start of the provisioning timeout');
    table.timestamp('applied_at', { useTz: true }).nullable();
    table.timestamp('ready_at', { useTz: true }).nullable();
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table.timestamp('last_activity_at', { useTz: true }).nullable();
    table.timestamp('sleeping_since', { useTz: true }).nullable();
    table
      .timestamp('running_since', { useTz: true })
      .nullable()
      .comment('start of the current awake period, for running hours');
    table.bigInteger('running_seconds').notNullable().defaultTo(0);
    table.integer('usage_cpu_millicores').nullable();
    table.bigInteger('usage_memory_bytes').nullable();
    table
      .string('ttl_warnings_sent', 32)
      .notNullable()
      .defaultTo('')
      .comment('comma list: day, hour');
    table.string('lease_holder').nullable();
    table.timestamp('lease_expires_at', { useTz: true }).nullable();
    table.index(['owner'], 'vcluster_clusters_owner_idx');
    table.index(['created_at', 'name'], 'vcluster_clusters_created_idx');
  });

  await knex.schema.createTable('vcluster_audit', table => {
    table.comment('Who did what to which vCluster, when, and how it ended');
    table.bigIncrements('id').primary();
    table.string('actor').notNullable();
    table.string('action', 32).notNullable();
    table.string('cluster', 63).notNullable().comment('the vCluster name');
    table.string('result', 16).notNullable().comment('succeeded | failed');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.text('details').nullable().comment('JSON, never a secret');
    table.index(['cluster', 'id'], 'vcluster_audit_cluster_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('vcluster_audit');
  await knex.schema.dropTable('vcluster_clusters');
};
