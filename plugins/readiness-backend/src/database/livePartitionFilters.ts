import { Knex } from 'knex';

/**
 * Where-clauses selecting one cluster's stored rows by live re-scoring partition: a namespace
 * (its resources and its Namespace object) or `''`, the cluster-scoped resources.
 */

/** LIKE pattern text with `%`, `_` and the escape character taken literally. */
function literal(text: string): string {
  return text.replace(/[\\%_]/g, c => `\\${c}`);
}

function split(partitions: readonly string[]) {
  return {
    namespaces: partitions.filter(p => p !== ''),
    clusterScoped: partitions.includes(''),
  };
}

/** Findings of the partitions (the query is already narrowed to the cluster). */
export function livePartitionFilter(
  query: Knex.QueryBuilder,
  partitions: readonly string[] | 'all',
): Knex.QueryBuilder {
  if (partitions === 'all') return query;
  const { namespaces, clusterScoped } = split(partitions);
  // Nothing matches an empty partition list.
  query.whereRaw('1 = 0');
  if (namespaces.length) {
    query
      .orWhereIn('namespace', namespaces)
      .orWhere(q =>
        q
          .where({ kind: 'Namespace', namespace: '' })
          .whereIn('name', namespaces),
      );
  }
  if (clusterScoped) {
    query.orWhere(q => q.where('namespace', '').whereNot('kind', 'Namespace'));
  }
  return query;
}

/**
 * Mapping rows of the partitions, by resource key (`cluster|group|kind|namespace|name`, whose
 * parts never hold a `|`).
 */
export function liveKeyFilter(
  query: Knex.QueryBuilder,
  cluster: string,
  partitions: readonly string[] | 'all',
): Knex.QueryBuilder {
  if (partitions === 'all') return query;
  const { namespaces, clusterScoped } = split(partitions);
  const like = "resource_key LIKE ? ESCAPE '\\'";
  const c = literal(cluster);
  query.whereRaw('1 = 0');
  for (const namespace of namespaces) {
    query
      .orWhereRaw(like, [`${c}|%|%|${literal(namespace)}|%`])
      .orWhere('resource_key', `${cluster}||Namespace||${namespace}`);
  }
  if (clusterScoped) {
    query.orWhere(q =>
      q
        .whereRaw(like, [`${c}|%|%||%`])
        .andWhereRaw(`resource_key NOT LIKE ? ESCAPE '\\'`, [
          `${c}||Namespace||%`,
        ]),
    );
  }
  return query;
}
