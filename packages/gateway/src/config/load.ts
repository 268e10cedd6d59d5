import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ZodError } from 'zod';
import {
  GatewayConfig,
  GatewayConfigInput,
  gatewayConfigSchema,
} from './schema';

type Kind = 'string' | 'number' | 'boolean' | 'list';

/**
 * Environment variables and where each lands in the config. Environment wins over the file so
 * a container can override one value of a mounted file.
 */
const ENVIRONMENT: Array<[string, string, Kind]> = [
  ['PRODUCTION', 'production', 'boolean'],
  ['HOST', 'listen.host', 'string'],
  ['PORT', 'listen.port', 'number'],
  ['DATABASE_CLIENT', 'database.client', 'string'],
  ['DATABASE_URL', 'database.connection', 'string'],
  ['DATABASE_FILENAME', 'database.connection.filename', 'string'],
  ['JWKS_URL', 'tickets.jwksUrl', 'string'],
  ['ISSUER', 'tickets.issuer', 'string'],
  ['AUDIENCE', 'tickets.audience', 'string'],
  ['CLOCK_TOLERANCE_SECONDS', 'tickets.clockToleranceSeconds', 'number'],
  ['ALLOWED_ORIGINS', 'allowedOrigins', 'list'],
  ['ALLOWED_POD_CIDRS', 'allowedPodCidrs', 'list'],
  ['UPSTREAM_PORT', 'upstreamPort', 'number'],
  ['MAX_PAYLOAD_BYTES', 'maxPayloadBytes', 'number'],
  ['HEARTBEAT_SECONDS', 'heartbeatSeconds', 'number'],
  ['IDLE_TIMEOUT_SECONDS', 'idle.timeoutSeconds', 'number'],
  ['IDLE_WARNING_SECONDS', 'idle.warningSeconds', 'number'],
  ['SESSIONS_PER_USER', 'caps.sessionsPerUser', 'number'],
  ['SESSIONS_PER_PROCESS', 'caps.sessionsPerProcess', 'number'],
  ['RATE_PER_USER', 'rateLimits.perUser', 'number'],
  ['RATE_PER_ADDRESS', 'rateLimits.perAddress', 'number'],
  ['TRUST_FORWARDED_FOR', 'trustForwardedFor', 'boolean'],
  ['DRAIN_SECONDS', 'drainSeconds', 'number'],
  ['LOG_LEVEL', 'logLevel', 'string'],
];

/** Prefix of every environment variable the gateway reads. */
export const ENV_PREFIX = 'HATCHWAY_GATEWAY_';

/** Thrown for a configuration the gateway cannot start with; the message lists every problem. */
export class GatewayConfigError extends Error {
  readonly name = 'GatewayConfigError';
}

function convert(name: string, raw: string, kind: Kind): unknown {
  switch (kind) {
    case 'number': {
      const n = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(n)) {
        throw new GatewayConfigError(`${name} must be a number, got "${raw}"`);
      }
      return n;
    }
    case 'boolean':
      if (!['true', 'false', '1', '0'].includes(raw)) {
        throw new GatewayConfigError(`${name} must be true or false`);
      }
      return raw === 'true' || raw === '1';
    case 'list':
      return raw
        .split(',')
        .map(s => s.trim())
        .filter(Boolean);
    default:
      return raw;
  }
}

function setPath(target: Record<string, any>, path: string, value: unknown) {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key];
  }
  node[keys[keys.length - 1]] = value;
}

/** Merges the environment's `HATCHWAY_GATEWAY_*` values over a config object. */
export function applyEnvironment(
  base: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
): Record<string, unknown> {
  const merged = structuredClone(base);
  for (const [suffix, path, kind] of ENVIRONMENT) {
    const raw = env[ENV_PREFIX + suffix];
    if (raw !== undefined)
      setPath(merged, path, convert(ENV_PREFIX + suffix, raw, kind));
  }
  return merged;
}

/** Validates a config object, filling in defaults; throws {@link GatewayConfigError}. */
export function parseGatewayConfig(input: unknown): GatewayConfig {
  try {
    return gatewayConfigSchema.parse(input);
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    const lines = error.issues.map(
      issue => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new GatewayConfigError(
      `invalid gateway config:\n${lines.join('\n')}`,
    );
  }
}

/** Reads the optional YAML file, applies the environment and validates the result. */
export function loadGatewayConfig(options: {
  file?: string;
  env?: NodeJS.ProcessEnv;
}): GatewayConfig {
  let fromFile: GatewayConfigInput | Record<string, unknown> = {};
  if (options.file) {
    let text: string;
    try {
      text = readFileSync(options.file, 'utf8');
    } catch (error) {
      throw new GatewayConfigError(
        `cannot read config file ${options.file}: ${(error as Error).message}`,
      );
    }
    fromFile = (parseYaml(text) ?? {}) as Record<string, unknown>;
  }
  return parseGatewayConfig(
    applyEnvironment(fromFile as Record<string, unknown>, options.env ?? {}),
  );
}
