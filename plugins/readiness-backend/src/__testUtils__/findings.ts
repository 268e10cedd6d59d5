import { Finding } from '@hatchway/plugin-readiness-common';
import { scoreFindings } from '@hatchway/plugin-readiness-node';
import { CompletedScan, FindingRecord } from '../database/types';

/** A finding on a Deployment in namespace `shop` unless told otherwise. */
export function finding(
  overrides: Partial<Omit<Finding, 'resource'>> & {
    resource?: Partial<Finding['resource']>;
    labels?: Record<string, string>;
  } = {},
): FindingRecord {
  const { resource, labels, ...rest } = overrides;
  return {
    finding: {
      checkId: 'run-as-non-root',
      severity: 'danger',
      category: 'security',
      status: 'failed',
      message: 'Runs as root',
      ...rest,
      resource: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: 'shop',
        name: 'shop-api',
        ...resource,
      },
    },
    labels: labels ?? { app: 'shop-api' },
  };
}

/** A completed scan of the findings, scored as a whole, with no mapping or snapshots. */
export function completed(
  scanId: string,
  cluster: string,
  findings: FindingRecord[],
  extra: Partial<CompletedScan> = {},
): CompletedScan {
  return {
    scanId,
    cluster,
    finishedAt: new Date(),
    score: scoreFindings(findings.map(f => f.finding)),
    objectCount: findings.length,
    warnings: [],
    findings,
    resourceEntities: [],
    snapshots: [],
    ...extra,
  };
}
