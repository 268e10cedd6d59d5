import { Knex } from 'knex';
import { FINDINGS, RESOURCE_ENTITIES } from './rows';
import { FindingFilter } from './types';

/** The findings table under the alias every query here uses. */
export const F = `${FINDINGS} as f`;

/**
 * The status a stored finding has at `now`: exemptions stop applying at their expiry by
 * themselves, between scans too.
 */
export function effectiveStatus(knex: Knex, now: Date): Knex.Raw {
  return knex.raw(
    `CASE WHEN f.status = 'exempted' AND f.exemption_expires_at IS NOT NULL AND f.exemption_expires_at <= ? THEN 'failed' ELSE f.status END`,
    [now],
  );
}

function whereExpired(query: Knex.QueryBuilder, now: Date, expired: boolean) {
  if (expired) {
    query
      .whereNotNull('f.exemption_expires_at')
      .andWhere('f.exemption_expires_at', '<=', now);
  } else {
    query
      .whereNull('f.exemption_expires_at')
      .orWhere('f.exemption_expires_at', '>', now);
  }
}

function whereMapped(
  query: Knex.QueryBuilder,
  column: 'owner' | 'entity_ref',
  value: string,
) {
  // Driven from the mapping's index on the entity or owner, then the findings' index on cluster
  // and resource: a correlated EXISTS made both databases visit every finding.
  query.whereIn(['f.cluster', 'f.resource_key'], sub => {
    sub
      .select('e.cluster', 'e.resource_key')
      .from(`${RESOURCE_ENTITIES} as e`)
      .where(`e.${column}`, value);
  });
}

/** Narrows a query over {@link F} to the findings a filter selects, judged at `now`. */
export function applyFindingFilter(
  query: Knex.QueryBuilder,
  filter: FindingFilter,
  now: Date,
): Knex.QueryBuilder {
  if (filter.cluster !== undefined) query.where('f.cluster', filter.cluster);
  if (filter.namespace !== undefined) {
    const namespace = filter.namespace;
    query.where(q =>
      q
        .where('f.namespace', namespace)
        .orWhere(ns =>
          ns
            .where('f.kind', 'Namespace')
            .andWhere('f.namespace', '')
            .andWhere('f.name', namespace),
        ),
    );
  }
  if (filter.severity) query.where('f.severity', filter.severity);
  if (filter.category) query.where('f.category', filter.category);
  if (filter.checkId) query.where('f.check_id', filter.checkId);
  if (filter.owner) whereMapped(query, 'owner', filter.owner);
  if (filter.entityRef) whereMapped(query, 'entity_ref', filter.entityRef);
  if (filter.status === 'failed') {
    query.where(q =>
      q
        .where('f.status', 'failed')
        .orWhere(ex =>
          whereExpired(ex.where('f.status', 'exempted'), now, true),
        ),
    );
  } else if (filter.status === 'exempted') {
    query
      .where('f.status', 'exempted')
      .andWhere(q => whereExpired(q, now, false));
  } else if (filter.status) {
    query.where('f.status', filter.status);
  }
  return query;
}
