import {
  Finding,
  formatResource,
  Severity,
} from '@hatchway/plugin-readiness-common';
import { ReportableEvaluation } from '../engine/types';

/** Where a finding is in a file, when the caller knows (the CLI does, for files it read). */
export interface SourceLocation {
  uri: string;
  startLine?: number;
}

/**
 * Options of {@link toSarif}.
 * @public
 */
export interface SarifOptions {
  toolVersion?: string;
  /** The file and line of a finding's resource (or failing field), for code-scanning annotations. */
  locate?(finding: Finding): SourceLocation | undefined;
}

/** The OASIS schema of SARIF 2.1.0. */
const SARIF_SCHEMA =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning'> = {
  danger: 'error',
  warning: 'warning',
};

/** A SARIF 2.1.0 log object. @public */
export type SarifLog = {
  $schema: string;
  version: '2.1.0';
  runs: Array<Record<string, unknown>>;
};

function logicalName(finding: Finding): string {
  const ref = finding.resource;
  return [ref.cluster, ref.namespace, ref.kind, ref.name]
    .filter(Boolean)
    .join('/');
}

/**
 * Findings as a SARIF 2.1.0 log: one rule per enabled check, one result per failed or exempted
 * finding (exempted ones carry a suppression with the reason, as code-scanning tools expect).
 * @public
 */
export function toSarif(
  result: ReportableEvaluation,
  options: SarifOptions = {},
): SarifLog {
  const rules = result.checks.filter(c => c.enabled);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const results = result.findings
    .filter(f => f.status === 'failed' || f.status === 'exempted')
    .map(finding => {
      const location: Record<string, unknown> = {
        logicalLocations: [
          {
            name: finding.resource.name,
            fullyQualifiedName: logicalName(finding),
            kind: 'resource',
          },
        ],
      };
      const source = options.locate?.(finding);
      if (source) {
        location.physicalLocation = {
          artifactLocation: { uri: source.uri },
          ...(source.startLine !== undefined && {
            region: { startLine: source.startLine },
          }),
        };
      }
      const container = finding.container
        ? ` (container ${finding.container})`
        : '';
      const entry: Record<string, unknown> = {
        ruleId: finding.checkId,
        level: LEVEL[finding.severity],
        message: {
          text: `${formatResource(finding.resource)}${container}: ${
            finding.message
          }`,
        },
        locations: [location],
        properties: {
          category: finding.category,
          resource: finding.resource,
          ...(finding.container !== undefined && {
            container: finding.container,
          }),
          ...(finding.fieldPaths && { fieldPaths: finding.fieldPaths }),
        },
      };
      const index = ruleIndex.get(finding.checkId);
      if (index !== undefined) entry.ruleIndex = index;
      if (finding.exemption) {
        entry.suppressions = [
          {
            kind:
              finding.exemption.source === 'annotation'
                ? 'inSource'
                : 'external',
            status: 'accepted',
            justification: finding.exemption.reason,
          },
        ];
      }
      return entry;
    });

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'hatchway-readiness',
            ...(options.toolVersion && { version: options.toolVersion }),
            rules: rules.map(rule => ({
              id: rule.id,
              name: rule.id,
              shortDescription: { text: rule.title },
              fullDescription: { text: rule.title },
              help: { text: rule.remediation },
              helpUri: rule.docsUrl,
              defaultConfiguration: { level: LEVEL[rule.severity] },
              properties: { category: rule.category, tags: [rule.category] },
            })),
          },
        },
        results,
        properties: {
          profile: result.profile,
          score: result.score.score,
          level: result.score.level,
        },
      },
    ],
  };
}
