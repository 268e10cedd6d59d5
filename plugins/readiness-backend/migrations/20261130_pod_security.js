// @ts-check

/**
 * Pod Security: each namespace's Pod Security Admission labels and the strictest level its
 * workloads meet, and each workload's level and refusals, as the latest scan read them. Owners
 * and entities come from readiness_resource_entities when read, so they follow live re-scoring.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('readiness_pod_security_namespaces', table => {
    table.comment(
      'One row per cluster and namespace: its Pod Security labels and possible level; replaced per scan',
    );
    table.string('cluster').notNullable();
    table.string('namespace').notNullable();
    table
      .text('labels')
      .notNullable()
      .comment('JSON: the pod-security.kubernetes.io labels as written');
    table
      .string('enforce')
      .notNullable()
      .comment('The level enforced now: privileged | baseline | restricted');
    table
      .string('version')
      .notNullable()
      .comment('The policy version workloads were judged at, v1.NN');
    table
      .string('possible_level')
      .notNullable()
      .comment('The strictest level every workload meets');
    table.integer('workload_count').notNullable();
    table.text('warnings').notNullable().comment('JSON array of strings');
    table.timestamp('scanned_at', { useTz: true }).notNullable();
    table.primary(['cluster', 'namespace']);
  });

  await knex.schema.createTable('readiness_pod_security_workloads', table => {
    table.comment(
      'One row per pod-running object: the strictest level it meets and what stricter ones refuse',
    );
    table.bigIncrements('id').primary();
    table.string('cluster').notNullable();
    table.string('namespace').notNullable();
    table.string('resource_key', 1024).notNullable();
    table.string('api_version').notNullable();
    table.string('kind').notNullable();
    table.string('name').notNullable();
    table.string('level').notNullable();
    table
      .text('refusals')
      .notNullable()
      .comment('JSON: controls broken per level (baseline, restricted)');
    table.index(
      ['cluster', 'namespace'],
      'readiness_pod_security_workloads_ns_idx',
    );
    table.index(
      ['cluster', 'resource_key'],
      'readiness_pod_security_workloads_res_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('readiness_pod_security_workloads');
  await knex.schema.dropTable('readiness_pod_security_namespaces');
};
