import {
  Exemption,
  exemptionCoversCheck,
  exemptionMatchesResource,
  FindingExemption,
  ResourceRef,
} from '@hatchway/plugin-readiness-common';
import { KubernetesObject } from '../kube/types';
import { CheckOutcome } from './types';

/** Annotation listing, comma-separated, the check ids exempted on an object. @public */
export const EXEMPT_ANNOTATION = 'hatchway.dev/readiness-exempt';
/** Annotation giving the reason for an annotation exemption. @public */
export const EXEMPT_REASON_ANNOTATION = 'hatchway.dev/readiness-exempt-reason';

/** The ids an exemption may name to cover a finding; policy-report results can be named per policy. */
export function exemptableIds(
  checkId: string,
  outcome: CheckOutcome,
): string[] {
  const origin = outcome.policyReport;
  if (!origin) return [checkId];
  const ids = [checkId, `${checkId}:${origin.policy}`];
  if (origin.rule) ids.push(`${checkId}:${origin.policy}/${origin.rule}`);
  return ids;
}

/** What {@link findExemption} judges against; `exemptions` are the active ones only. */
export interface ExemptionOptions {
  exemptions: readonly Exemption[];
  allowAnnotations: boolean;
}

/**
 * The exemption that covers a failed outcome, if any: configured exemptions first (they carry an
 * owner and an expiry), then the object's own annotation when annotations are allowed.
 */
export function findExemption(
  checkId: string,
  outcome: CheckOutcome,
  options: ExemptionOptions,
): FindingExemption | undefined {
  return exemptionOf(
    exemptableIds(checkId, outcome),
    outcome.resource,
    outcome.object,
    options,
  );
}

/** {@link findExemption} for the ids a finding may be exempted by, its resource and object. */
export function exemptionOf(
  ids: readonly string[],
  resource: ResourceRef,
  object: KubernetesObject | undefined,
  options: ExemptionOptions,
): FindingExemption | undefined {
  if (options.exemptions.length) {
    const labels = object?.metadata?.labels ?? {};
    for (const exemption of options.exemptions) {
      if (
        exemptionCoversCheck(exemption.checkIds, ids) &&
        exemptionMatchesResource(exemption.match ?? {}, resource, labels)
      ) {
        return {
          source: 'config',
          id: exemption.id,
          reason: exemption.reason,
          owner: exemption.owner,
          expiresAt: exemption.expiresAt,
        };
      }
    }
  }
  if (!options.allowAnnotations) return undefined;
  const annotations = object?.metadata?.annotations ?? {};
  // The common case, judged for every failed finding: no exemption annotation at all.
  if (annotations[EXEMPT_ANNOTATION] === undefined) return undefined;
  const listed = String(annotations[EXEMPT_ANNOTATION] ?? '')
    .split(',')
    .map(id => id.trim())
    .filter(Boolean);
  if (!exemptionCoversCheck(listed, ids)) return undefined;
  return {
    source: 'annotation',
    reason: annotations[EXEMPT_REASON_ANNOTATION] || 'No reason given',
  };
}
