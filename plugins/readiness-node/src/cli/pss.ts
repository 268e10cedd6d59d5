import { formatResource, ResourceRef } from '@hatchway/plugin-readiness-common';
import { refOf } from '../kube/objects';
import {
  evaluatePodSecurity,
  isPodSecurityLevel,
  podSecurityMinor,
  podTemplateOf,
  PodSecurityLevel,
  PodSecurityViolation,
  POD_SECURITY_LEVELS,
} from '../pss';
import { CliArgs, UsageError } from './args';
import { loadInputs } from './inputs';
import { CliIo } from './io';

/** The verdict on one object of the input. */
interface ObjectVerdict {
  resource: ResourceRef;
  source: string;
  allowed: boolean;
  violations: PodSecurityViolation[];
}

/** What `pss --format json` prints. */
export interface PssReport {
  level: PodSecurityLevel;
  /** The version asked for, e.g. `latest`. */
  requestedVersion: string;
  /** The version whose rules applied, e.g. `v1.37`. */
  version: string;
  allowed: boolean;
  /** Every pod-bearing object, in input order. */
  objects: ObjectVerdict[];
}

function validated(args: CliArgs): {
  level: PodSecurityLevel;
  version: string;
} {
  const level = args.level ?? '';
  if (!isPodSecurityLevel(level)) {
    throw new UsageError(
      `Unknown level "${level}"; expected one of ${POD_SECURITY_LEVELS.join(
        ', ',
      )}.`,
    );
  }
  const version = args.pssVersion ?? 'latest';
  if (podSecurityMinor(version) === undefined) {
    throw new UsageError(
      `Unknown version "${version}"; expected "latest" or v1.NN (e.g. v1.30).`,
    );
  }
  return { level, version };
}

/** Upstream's own way of listing refusals: `reason (detail)`. */
const describe = (v: PodSecurityViolation) => `${v.name} (${v.message})`;

function toTable(report: PssReport): string {
  const at = `${report.level} (${report.version})`;
  const refused = report.objects.filter(o => !o.allowed);
  if (!report.objects.length) return `No pods or pod templates found.\n`;
  if (!refused.length)
    return `All pods and pod templates (${report.objects.length}) would be admitted at ${at}.
`;
  const rows = [['OBJECT', 'CONTROL', 'VIOLATION']];
  for (const object of refused) {
    object.violations.forEach((violation, i) =>
      rows.push([
        i === 0 ? formatResource(object.resource) : '',
        violation.id,
        describe(violation),
      ]),
    );
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map(r => r[i].length)));
  const lines = rows.map(row =>
    row.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell)).join('  '),
  );
  lines.push(
    '',
    `${refused.length} of ${report.objects.length} pods and pod templates would be refused at ${at}.`,
  );
  return `${lines.join('\n')}\n`;
}

/**
 * `hatchway-readiness pss`: would Pod Security Admission enforcing a level admit every pod and
 * pod template of the input? 0 when all would be admitted, 1 when any would be refused.
 */
export async function runPss(args: CliArgs, io: CliIo): Promise<number> {
  const { level, version } = validated(args);
  const loaded = await loadInputs(args.files, io);
  const objects: ObjectVerdict[] = [];
  for (const { object, source } of loaded) {
    const pod = podTemplateOf(object);
    if (!pod) continue;
    const { allowed, violations } = evaluatePodSecurity(pod, level, version);
    objects.push({
      resource: refOf(object, 'default'),
      source,
      allowed,
      violations,
    });
  }
  const report: PssReport = {
    level,
    requestedVersion: version,
    version: `v1.${podSecurityMinor(version)}`,
    allowed: objects.every(o => o.allowed),
    objects,
  };
  io.stdout(
    args.format === 'json'
      ? `${JSON.stringify(report, null, 2)}\n`
      : toTable(report),
  );
  return report.allowed ? 0 : 1;
}
