import { Finding } from '@hatchway/plugin-readiness-common';
import { FindingColumns } from '../engine/findingTable';

/**
 * Visits every finding in order, for a reader that keeps nothing of a finding but what its fields
 * point to: an evaluation's table is read through one view object instead of a finding object
 * each. An index loop over arrays: one call walks a million findings, mostly before it is
 * optimized, and an iterator would allocate a result object per finding until then.
 */
export function eachFinding(
  findings: Iterable<Finding>,
  visit: (finding: Readonly<Finding>) => void,
): void {
  if (Array.isArray(findings)) {
    for (let i = 0; i < findings.length; i++) visit(findings[i]);
  } else if (findings instanceof FindingColumns) {
    findings.forEachView(visit);
  } else {
    for (const finding of findings) visit(finding);
  }
}

/** Whether the findings can be walked a second time (a generator cannot). */
export function canWalkAgain(findings: Iterable<Finding>): boolean {
  return Array.isArray(findings) || findings instanceof FindingColumns;
}
