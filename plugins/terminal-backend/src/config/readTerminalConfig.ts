import { Config } from '@backstage/config';
import {
  DEFAULT_TICKET_AUDIENCE,
  DEFAULT_TICKET_ISSUER,
  DEFAULT_TICKET_TTL_SECONDS,
} from '@hatchway/plugin-terminal-common';

/** CPU and memory of one runner container. */
export interface ResourceQuantities {
  cpu: string;
  memory: string;
}

/** A session profile, read from `terminal.profiles.<name>` with its defaults applied. */
export interface SessionProfile {
  name: string;
  title: string;
  description?: string;
  image: string;
  command: string[];
  resources: { requests: ResourceQuantities; limits: ResourceQuantities };
  env: Record<string, string>;
  idleTimeoutSeconds: number;
  maxLifetimeSeconds: number;
  recording: boolean;
  recordInput: boolean;
  /** Entity refs allowed to use the profile; empty means everyone. */
  allowedGroups: string[];
  vcluster: boolean;
  warmPool: number;
}

/** A signing key as configured: the PEM inline or in a file. */
export interface SigningKeyConfig {
  kid: string;
  privateKey?: string;
  privateKeyFile?: string;
}

/** Everything the terminal backend reads from config, read once at start. */
export interface TerminalOptions {
  signingKeys: SigningKeyConfig[];
  tickets: { issuer: string; audience: string; ttlSeconds: number };
  gatewayUrl: string;
  /** Undefined: the first cluster of the cluster list. */
  cluster?: string;
  runnerNamespace: string;
  ttlSecondsAfterFinished: number;
  limits: { perUser: number; global: number };
  recordingRetentionDays: number;
  profiles: Map<string, SessionProfile>;
}

const DEFAULT_RESOURCES = {
  requests: { cpu: '100m', memory: '128Mi' },
  limits: { cpu: '1', memory: '512Mi' },
};

function readQuantities(
  config: Config | undefined,
  fallback: ResourceQuantities,
): ResourceQuantities {
  return {
    cpu: config?.getOptionalString('cpu') ?? fallback.cpu,
    memory: config?.getOptionalString('memory') ?? fallback.memory,
  };
}

function positive(config: Config, key: string, fallback: number): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${key} must be a non-negative integer, got ${value}`);
  }
  return value;
}

function readProfile(name: string, config: Config): SessionProfile {
  const env = config.getOptionalConfig('env');
  const resources = config.getOptionalConfig('resources');
  return {
    name,
    title: config.getString('title'),
    description: config.getOptionalString('description'),
    image: config.getString('image'),
    command: config.getOptionalStringArray('command') ?? [],
    resources: {
      requests: readQuantities(
        resources?.getOptionalConfig('requests'),
        DEFAULT_RESOURCES.requests,
      ),
      limits: readQuantities(
        resources?.getOptionalConfig('limits'),
        DEFAULT_RESOURCES.limits,
      ),
    },
    env: Object.fromEntries(
      (env?.keys() ?? []).map(key => [key, env!.getString(key)]),
    ),
    idleTimeoutSeconds: positive(config, 'idleTimeoutSeconds', 900),
    maxLifetimeSeconds: positive(config, 'maxLifetimeSeconds', 28800),
    recording: config.getOptionalBoolean('recording') ?? false,
    recordInput: config.getOptionalBoolean('recordInput') ?? false,
    allowedGroups: config.getOptionalStringArray('allowedGroups') ?? [],
    vcluster: config.getOptionalBoolean('vcluster') ?? false,
    warmPool: positive(config, 'warmPool', 0),
  };
}

/** Reads `terminal.*` with defaults; throws on a malformed value so the backend fails at start. */
export function readTerminalConfig(root: Config): TerminalOptions {
  const config = root.getOptionalConfig('terminal');
  const profiles = config?.getOptionalConfig('profiles');
  const tickets = config?.getOptionalConfig('tickets');
  return {
    signingKeys: (config?.getOptionalConfigArray('signingKeys') ?? []).map(
      key => ({
        kid: key.getString('kid'),
        privateKey: key.getOptionalString('privateKey'),
        privateKeyFile: key.getOptionalString('privateKeyFile'),
      }),
    ),
    tickets: {
      issuer: tickets?.getOptionalString('issuer') ?? DEFAULT_TICKET_ISSUER,
      audience:
        tickets?.getOptionalString('audience') ?? DEFAULT_TICKET_AUDIENCE,
      ttlSeconds:
        tickets?.getOptionalNumber('ttlSeconds') ?? DEFAULT_TICKET_TTL_SECONDS,
    },
    gatewayUrl: (
      config?.getOptionalString('gateway.url') ?? 'ws://localhost:7010'
    ).replace(/\/+$/, ''),
    cluster: config?.getOptionalString('cluster'),
    runnerNamespace:
      config?.getOptionalString('runnerNamespace') ?? 'hatchway-runners',
    ttlSecondsAfterFinished:
      config?.getOptionalNumber('ttlSecondsAfterFinished') ?? 60,
    limits: {
      perUser: config?.getOptionalNumber('limits.perUser') ?? 3,
      global: config?.getOptionalNumber('limits.global') ?? 50,
    },
    recordingRetentionDays:
      config?.getOptionalNumber('recordings.retentionDays') ?? 30,
    profiles: new Map(
      (profiles?.keys() ?? []).map(name => [
        name,
        readProfile(name, profiles!.getConfig(name)),
      ]),
    ),
  };
}
