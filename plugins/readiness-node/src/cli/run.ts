import { Finding, resourceKey } from '@hatchway/plugin-readiness-common';
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import packageJson from '../../package.json';
import { builtInChecks } from '../checks';
import { evaluate } from '../engine/evaluate';
import { builtInProfiles, resolveChecks } from '../engine/profiles';
import { ReportableEvaluation } from '../engine/types';
import { refOf } from '../kube/objects';
import { toPolicyReport } from '../report/policyReport';
import { toSarif } from '../report/sarif';
import { toTable } from '../report/table';
import { CliArgs, parseCliArgs, USAGE, UsageError } from './args';
import { CliConfig, parseConfig } from './config';
import { loadInputs } from './inputs';
import { CliIo } from './io';
import { InputError, LoadedObject, lineOf } from './load';
import { runPss } from './pss';

export type { CliIo } from './io';

function readConfig(args: CliArgs, io: CliIo, now: Date): CliConfig {
  if (!args.config) return { overrides: {}, exemptions: [] };
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(io.cwd, args.config), 'utf8');
  } catch (error) {
    throw new InputError(
      `cannot read ${args.config}: ${(error as NodeJS.ErrnoException).code}`,
    );
  }
  return parseConfig(text, args.config, now);
}

function render(
  result: ReportableEvaluation,
  args: CliArgs,
  loaded: LoadedObject[],
): string {
  switch (args.format) {
    case 'json':
      return `${JSON.stringify(result, null, 2)}\n`;
    case 'sarif': {
      const byKey = new Map<string, LoadedObject>();
      for (const item of loaded) {
        const key = resourceKey(refOf(item.object, 'default'));
        if (!byKey.has(key)) byKey.set(key, item);
      }
      const locate = (finding: Finding) => {
        const item = byKey.get(resourceKey(finding.resource));
        if (!item || item.source === '-') return undefined;
        return {
          uri: item.source.split(path.sep).join('/'),
          startLine: lineOf(item, finding.fieldPaths?.[0]),
        };
      };
      return `${JSON.stringify(
        toSarif(result, { toolVersion: packageJson.version, locate }),
        null,
        2,
      )}\n`;
    }
    case 'policyreport':
      return stringify(toPolicyReport(result));
    default:
      return toTable(result, { showPassed: args.showPassed });
  }
}

/** Exit code 1 with the reasons when a threshold fails, else 0. */
function thresholds(
  result: ReportableEvaluation,
  args: CliArgs,
): { code: number; reasons: string[] } {
  const reasons: string[] = [];
  const { score, bySeverity } = result.score;
  if (args.minScore !== undefined && score < args.minScore) {
    reasons.push(`score ${score} is below --min-score ${args.minScore}`);
  }
  if (args.failOn) {
    const failed =
      bySeverity.danger.failed +
      (args.failOn === 'warning' ? bySeverity.warning.failed : 0);
    if (failed > 0)
      reasons.push(
        `${failed} failed finding${failed === 1 ? '' : 's'} at or above ${
          args.failOn
        }`,
      );
  }
  return { code: reasons.length ? 1 : 0, reasons };
}

function listChecks(args: CliArgs, io: CliIo) {
  const { checks } = resolveChecks(
    builtInChecks.map(c => c.definition),
    args.profile ?? 'default',
  );
  if (args.format === 'json') {
    io.stdout(`${JSON.stringify(checks, null, 2)}\n`);
    return;
  }
  const rows = [['ID', 'SEVERITY', 'CATEGORY', 'ENABLED', 'TITLE']].concat(
    checks.map(c => [
      c.id,
      c.severity,
      c.category,
      c.enabled ? 'yes' : 'no',
      c.title,
    ]),
  );
  const widths = rows[0].map((_, i) => Math.max(...rows.map(r => r[i].length)));
  io.stdout(
    `${rows
      .map(r =>
        r
          .map((cell, i) => (i < r.length - 1 ? cell.padEnd(widths[i]) : cell))
          .join('  '),
      )
      .join('\n')}\n`,
  );
}

/**
 * Runs `hatchway-readiness` with the given arguments and returns the exit code:
 * 0 passed, 1 a threshold (--min-score, --fail-on) failed, 2 usage or input error.
 * @public
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    if (args.command === 'help') {
      io.stdout(USAGE);
      return 0;
    }
    if (args.command === 'pss') return await runPss(args, io);
    const now = io.now ?? new Date();
    const config = readConfig(args, io, now);
    const profile = args.profile ?? config.profile ?? 'default';
    if (!builtInProfiles[profile]) {
      throw new UsageError(
        `Unknown profile "${profile}"; expected one of ${Object.keys(
          builtInProfiles,
        ).join(', ')}.`,
      );
    }
    args.profile = profile;
    if (args.command === 'checks') {
      listChecks(args, io);
      return 0;
    }
    const loaded = await loadInputs(args.files, io);
    const result = evaluate(
      loaded.map(l => l.object),
      {
        profile,
        now,
        overrides: config.overrides,
        exemptions: config.exemptions,
        ...(config.allowAnnotationExemptions !== undefined && {
          allowAnnotationExemptions: config.allowAnnotationExemptions,
        }),
        ...(config.levels && { levels: config.levels }),
        ...(config.settings && { settings: config.settings }),
      },
    );
    io.stdout(render(result, args, loaded));
    if (args.format !== 'table') {
      for (const warning of result.warnings)
        io.stderr(`hatchway-readiness: warning: ${warning}\n`);
    }
    const { code, reasons } = thresholds(result, args);
    for (const reason of reasons) io.stderr(`hatchway-readiness: ${reason}\n`);
    return code;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`hatchway-readiness: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof InputError) {
      io.stderr(`hatchway-readiness: ${error.message}\n`);
      return 2;
    }
    io.stderr(
      `hatchway-readiness: unexpected error: ${
        (error as Error).stack ?? error
      }\n`,
    );
    return 2;
  }
}
