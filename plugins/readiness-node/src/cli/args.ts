import { parseArgs } from 'node:util';

/** A command line that cannot run; the CLI prints the message and exits with code 2. */
export class UsageError extends Error {}

export const FORMATS = ['table', 'json', 'sarif', 'policyreport'] as const;
export type Format = (typeof FORMATS)[number];

export const USAGE = `Usage:
  hatchway-readiness scan [-f FILE | -]... [options]
  hatchway-readiness checks [--profile NAME] [--format table|json]
  hatchway-readiness pss [-f FILE | -]... --level LEVEL [--version VERSION] [--format table|json]

Scan Kubernetes manifests (multi-document YAML or JSON, e.g. \`helm template\` output) for
infra readiness: hardening, reliability, networking, RBAC and secrets.

Options for scan:
  -f, --file FILE      A manifest file or directory (repeatable); "-" reads stdin
  -p, --profile NAME   Check profile: default or production (default: default)
  -o, --format FORMAT  table, json, sarif or policyreport (default: table)
      --min-score N    Exit 1 when the score is below N (0-100)
      --fail-on LEVEL  Exit 1 on any failed finding at or above LEVEL: danger or warning
  -c, --config FILE    YAML config: checks overrides, exemptions, levels, settings
      --show-passed    List passed findings too (table format)
  -h, --help           Show this help

Options for pss (would Pod Security Admission admit every pod and pod template?):
  -f, --file FILE      As for scan
      --level LEVEL    The level to enforce: baseline or restricted (or privileged)
      --version V      The policy version: v1.NN or latest (default: latest)
  -o, --format FORMAT  table or json (default: table)

Exit codes: 0 passed (pss: every object admitted), 1 a threshold failed (pss: an object
refused), 2 usage or input error.
`;

const COMMANDS = ['scan', 'checks', 'pss'] as const;

/** The parsed command line. */
export interface CliArgs {
  command: (typeof COMMANDS)[number] | 'help';
  files: string[];
  profile?: string;
  format: Format;
  minScore?: number;
  failOn?: 'danger' | 'warning';
  config?: string;
  showPassed: boolean;
  /** pss: the level to enforce (validated by the pss command). */
  level?: string;
  /** pss: the policy version (validated by the pss command). */
  pssVersion?: string;
}

/** Parses and validates argv (without the node and script entries). */
export function parseCliArgs(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        file: { type: 'string', short: 'f', multiple: true },
        profile: { type: 'string', short: 'p' },
        format: { type: 'string', short: 'o' },
        'min-score': { type: 'string' },
        'fail-on': { type: 'string' },
        config: { type: 'string', short: 'c' },
        'show-passed': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        level: { type: 'string' },
        version: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === 'help')
    return { command: 'help', files: [], format: 'table', showPassed: false };
  if (command === undefined)
    throw new UsageError(
      'No command given; expected "scan", "checks" or "pss".',
    );
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw new UsageError(
      `Unknown command "${command}"; expected "scan", "checks" or "pss".`,
    );
  }
  const format = (values.format ?? 'table') as Format;
  if (!FORMATS.includes(format)) {
    throw new UsageError(
      `Unknown format "${values.format}"; expected one of ${FORMATS.join(
        ', ',
      )}.`,
    );
  }
  const args: CliArgs = {
    command: command as CliArgs['command'],
    // A bare "-" (or file) after the command is accepted like -f.
    files: [...(values.file ?? []), ...rest],
    format,
    showPassed: values['show-passed'] ?? false,
  };
  if (values.profile !== undefined) args.profile = values.profile;
  if (values.config !== undefined) args.config = values.config;
  if (values.level !== undefined) args.level = values.level;
  if (values.version !== undefined) args.pssVersion = values.version;
  if (values['min-score'] !== undefined) {
    const text = values['min-score'];
    const value = Number(text);
    if (!/^\d+$/.test(text) || value > 100) {
      throw new UsageError(
        `--min-score must be a whole number from 0 to 100, not "${text}".`,
      );
    }
    args.minScore = value;
  }
  if (values['fail-on'] !== undefined) {
    const level = values['fail-on'];
    if (level !== 'danger' && level !== 'warning') {
      throw new UsageError(
        `--fail-on must be danger or warning, not "${level}".`,
      );
    }
    args.failOn = level;
  }
  if (command === 'pss') checkPssArgs(args, values);
  else if (args.level !== undefined || args.pssVersion !== undefined) {
    throw new UsageError('--level and --version belong to the pss command.');
  }
  if ((command === 'scan' || command === 'pss') && args.files.length === 0) {
    throw new UsageError('No input: pass -f FILE (or "-" to read stdin).');
  }
  if (
    command === 'checks' &&
    args.format !== 'table' &&
    args.format !== 'json'
  ) {
    throw new UsageError('The checks command prints table or json.');
  }
  return args;
}

// Options of scan that mean nothing to pss: refusing them beats silently ignoring a threshold.
const SCAN_ONLY = ['profile', 'min-score', 'fail-on', 'config', 'show-passed'];

function checkPssArgs(args: CliArgs, values: Record<string, unknown>) {
  const misplaced = SCAN_ONLY.filter(option => values[option] !== undefined);
  if (misplaced.length) {
    throw new UsageError(
      `pss does not take ${misplaced.map(o => `--${o}`).join(', ')}.`,
    );
  }
  if (args.level === undefined) {
    throw new UsageError('pss needs --level baseline or --level restricted.');
  }
  if (args.format !== 'table' && args.format !== 'json') {
    throw new UsageError('The pss command prints table or json.');
  }
}
