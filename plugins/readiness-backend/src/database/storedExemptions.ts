import {
  Exemption,
  exemptionCoversCheck,
  exemptionMatchesResource,
  FindingExemption,
  isExemptionActive,
  PolicyReportOrigin,
} from '@hatchway/plugin-readiness-common';
import { Knex } from 'knex';
import { exemptionColumns, FINDINGS, FindingRow, parseJson } from './rows';
import { pushTo } from '../util/pushTo';

/**
 * The ids an exemption may name to cover a finding, as the engine judges them: the check id,
 * and for policy-report results also `<check>:<policy>` and `<check>:<policy>/<rule>`.
 */
export function exemptableIds(
  checkId: string,
  origin?: Pick<PolicyReportOrigin, 'policy' | 'rule'>,
): string[] {
  if (!origin) return [checkId];
  const ids = [checkId, `${checkId}:${origin.policy}`];
  if (origin.rule) ids.push(`${checkId}:${origin.policy}/${origin.rule}`);
  return ids;
}

/** The first active exemption (in the order given) that covers a stored finding. */
export function coveringExemption(
  row: FindingRow,
  exemptions: readonly Exemption[],
  now: Date,
): Exemption | undefined {
  const ids = exemptableIds(
    row.check_id,
    parseJson<PolicyReportOrigin | undefined>(row.policy_report, undefined),
  );
  const resource = {
    cluster: row.cluster,
    apiVersion: row.api_version,
    kind: row.kind,
    name: row.name,
    ...(row.namespace && { namespace: row.namespace }),
  };
  const labels = parseJson<Record<string, string>>(row.labels, {});
  return exemptions.find(
    e =>
      isExemptionActive(e, now) &&
      exemptionCoversCheck(e.checkIds, ids) &&
      exemptionMatchesResource(e.match ?? {}, resource, labels),
  );
}

function asFindingExemption(exemption: Exemption): FindingExemption {
  return {
    source: 'config',
    id: exemption.id,
    reason: exemption.reason,
    owner: exemption.owner,
    expiresAt: exemption.expiresAt,
  };
}

/**
 * Re-judges stored findings against exemptions, so creating or deleting one shows at once
 * instead of after the next scan. Rows no exemption covers become failures.
 */
export async function rejudgeFindings(
  trx: Knex.Transaction,
  rows: FindingRow[],
  exemptions: readonly Exemption[],
  now: Date,
): Promise<number> {
  const byExemption = new Map<string | undefined, number[]>();
  for (const row of rows) {
    const id = coveringExemption(row, exemptions, now)?.id;
    pushTo(byExemption, id, row.id!);
  }
  let exempted = 0;
  for (const [id, rowIds] of byExemption) {
    const exemption = exemptions.find(e => e.id === id);
    if (exemption) exempted += rowIds.length;
    const columns = {
      status: exemption ? 'exempted' : 'failed',
      ...exemptionColumns(exemption && asFindingExemption(exemption)),
    };
    for (let i = 0; i < rowIds.length; i += 500) {
      await trx(FINDINGS)
        .whereIn('id', rowIds.slice(i, i + 500))
        .update(columns);
    }
  }
  return exempted;
}
