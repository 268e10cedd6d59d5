import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  Config,
  ConfigReader,
  readDurationFromConfig,
} from '@backstage/config';
import {
  CATEGORIES,
  DEFAULT_LEVELS,
  ExpectedComponent,
  LevelDefinition,
  Severity,
  SEVERITIES,
} from '@hatchway/plugin-readiness-common';
import {
  builtInProfiles,
  CheckSettings,
  ReadinessOverrides,
  resolveExpectedComponents,
} from '@hatchway/plugin-readiness-node';
import { z } from 'zod';

/** The control plane's own namespaces: not the platform team's to harden, as in Polaris. */
export const DEFAULT_EXCLUDED_NAMESPACES = [
  'kube-system',
  'kube-public',
  'kube-node-lease',
];

/**
 * The readiness plugin's settings, read once at start.
 * @internal
 */
export interface ReadinessOptions {
  profile: string;
  overrides: ReadinessOverrides;
  settings: CheckSettings;
  allowAnnotationExemptions: boolean;
  /** Namespaces whose objects the workload checks skip (the platform board still sees them). */
  excludeNamespaces: ReadonlySet<string>;
  retentionDays: number;
  maxExemptionDays: number;
  levels: readonly LevelDefinition[];
  schedule: SchedulerServiceTaskScheduleDefinition;
  platform: PlatformConfig;
  live: LiveRescoringConfig;
}

/**
 * Live re-scoring (`readiness.liveRescoring`): watches that re-score what a change affects.
 * @internal
 */
export interface LiveRescoringConfig {
  /** Whether the cluster's objects are watched and its scores updated between scans. */
  enabledFor(cluster: string): boolean;
  /** Quiet time after a change before re-scoring, so a rollout becomes one update. */
  debounceMs: number;
  /** Watch or list failures in a row after which the cluster is reported degraded. */
  failureThreshold: number;
  /** The first retry's delay after a failed watch; it doubles up to 30 s. */
  retryDelayMs: number;
}

/**
 * The platform components expected per cluster (`readiness.platform`), presets resolved.
 * @internal
 */
export interface PlatformConfig {
  /** By cluster name. */
  clusters: ReadonlyMap<string, readonly ExpectedComponent[]>;
  /** For clusters without a list of their own; empty when none is configured. */
  default: readonly ExpectedComponent[];
}

/** The components expected on a cluster; empty when the platform board is not configured. */
export function expectedComponentsFor(
  platform: PlatformConfig,
  cluster: string,
): readonly ExpectedComponent[] {
  return platform.clusters.get(cluster) ?? platform.default;
}

const DEFAULT_SCHEDULE = {
  frequency: { minutes: 10 },
  timeout: { minutes: 5 },
  initialDelay: { seconds: 30 },
};

function readSchedule(config: Config): SchedulerServiceTaskScheduleDefinition {
  const schedule = config.getOptionalConfig('readiness.schedule');
  const defaults = readSchedulerServiceTaskScheduleDefinitionFromConfig(
    new ConfigReader(DEFAULT_SCHEDULE),
  );
  if (!schedule) return defaults;
  const duration = (key: string) =>
    schedule.has(key) ? readDurationFromConfig(schedule, { key }) : undefined;
  const cron = schedule.getOptionalString('frequency.cron');
  return {
    frequency: cron ? { cron } : duration('frequency') ?? defaults.frequency,
    timeout: duration('timeout') ?? defaults.timeout,
    initialDelay: duration('initialDelay') ?? defaults.initialDelay,
  };
}

function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  key: string,
): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) {
    throw new Error(`${key} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

function readOverrides(config: Config): ReadinessOverrides {
  const checks = config.getOptionalConfig('readiness.checks');
  if (!checks) return {};
  return {
    checks: Object.fromEntries(
      checks.keys().map(id => {
        const check = checks.getConfig(id);
        const severity = oneOf<Severity>(
          check.getOptionalString('severity'),
          SEVERITIES,
          `readiness.checks.${id}.severity`,
        );
        const enabled = check.getOptionalBoolean('enabled');
        return [
          id,
          {
            ...(severity && { severity }),
            ...(enabled !== undefined && { enabled }),
          },
        ];
      }),
    ),
  };
}

function readLevels(config: Config): readonly LevelDefinition[] {
  const levels = config.getOptionalConfigArray('readiness.levels');
  if (!levels) return DEFAULT_LEVELS;
  return levels.map((level, index) => ({
    id: level.getString('id'),
    title: level.getString('title'),
    ...(level.has('minScore') && { minScore: level.getNumber('minScore') }),
    requirements: level.getConfigArray('requirements').map(r => ({
      severity: oneOf(
        r.getOptionalString('severity'),
        SEVERITIES,
        `readiness.levels[${index}].requirements.severity`,
      ),
      category: oneOf(
        r.getOptionalString('category'),
        CATEGORIES,
        `readiness.levels[${index}].requirements.category`,
      ),
      max: r.getNumber('max'),
    })),
  }));
}

const platformEntry = z.union([
  z.string().trim().min(1),
  z
    .object({
      preset: z.string().trim().min(1).optional(),
      name: z.string().trim().min(1),
      title: z.string().min(1).optional(),
      namespaces: z.array(z.string().trim().min(1)).min(1).optional(),
      selector: z.record(z.string()).optional(),
      workloadName: z.string().trim().min(1).optional(),
      minReadyReplicas: z.number().int().min(0).optional(),
      crds: z.array(z.string().trim().min(1)).optional(),
      webhooks: z.array(z.string().trim().min(1)).optional(),
      entityRef: z.string().trim().min(1).optional(),
    })
    .strict(),
]);
const platformSchema = z.record(z.array(platformEntry));

function readPlatform(config: Config): PlatformConfig {
  // Read raw: cluster names need not be valid config keys (`k8s-1`, `prod.eu`).
  const raw = config.getOptional('readiness.platform');
  const parsed = platformSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    throw new Error(
      `readiness.platform${issue.path
        .map(p => (typeof p === 'number' ? `[${p}]` : `.${p}`))
        .join('')} is invalid: ${issue.message}`,
    );
  }
  const clusters = new Map<string, ExpectedComponent[]>();
  for (const [cluster, entries] of Object.entries(parsed.data)) {
    try {
      clusters.set(
        cluster,
        resolveExpectedComponents(entries).map(component =>
          component.entityRef
            ? {
                ...component,
                entityRef: normalizeEntityRef(component.entityRef),
              }
            : component,
        ),
      );
    } catch (error) {
      throw new Error(
        `readiness.platform.${cluster}: ${(error as Error).message}`,
      );
    }
  }
  const fallback = clusters.get('default') ?? [];
  clusters.delete('default');
  return { clusters, default: fallback };
}

const liveSchema = z
  .object({
    enabled: z.boolean().optional(),
    clusters: z.record(z.object({ enabled: z.boolean() }).strict()).optional(),
    debounce: z.unknown().optional(),
    failureThreshold: z.number().int().min(1).optional(),
    retryDelay: z.unknown().optional(),
  })
  .strict();

/** Milliseconds of a config duration (no months or years: they have no fixed length). */
function toMilliseconds(duration: ReturnType<typeof readDurationFromConfig>) {
  const { days = 0, hours = 0, minutes = 0, seconds = 0 } = duration;
  const { milliseconds = 0, weeks = 0 } = duration;
  return (
    ((((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000 +
    milliseconds
  );
}

function readLive(config: Config): LiveRescoringConfig {
  // Read raw: cluster names need not be valid config keys.
  const parsed = liveSchema.safeParse(
    config.getOptional('readiness.liveRescoring') ?? {},
  );
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    throw new Error(
      `readiness.liveRescoring${issue.path
        .map(p => `.${p}`)
        .join('')} is invalid: ${issue.message}`,
    );
  }
  const { enabled = true, clusters = {}, failureThreshold = 5 } = parsed.data;
  const millis = (key: string, fallback: number) =>
    config.has(`readiness.liveRescoring.${key}`)
      ? toMilliseconds(
          readDurationFromConfig(config, {
            key: `readiness.liveRescoring.${key}`,
          }),
        )
      : fallback;
  return {
    enabledFor: cluster => clusters[cluster]?.enabled ?? enabled,
    debounceMs: millis('debounce', 500),
    failureThreshold,
    retryDelayMs: millis('retryDelay', 1000),
  };
}

/** `cert-manager` → `component:default/cert-manager`, as the catalog spells refs. */
function normalizeEntityRef(ref: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind: 'component',
        defaultNamespace: 'default',
      }),
    );
  } catch {
    throw new Error(`entityRef "${ref}" is not an entity ref`);
  }
}

function positive(config: Config, key: string, fallback: number): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!(value > 0)) throw new Error(`${key} must be a positive number`);
  return value;
}

/**
 * Reads `readiness.*`; throws on an unknown profile or a malformed value, so a typo stops the
 * backend at start instead of silently scoring with the defaults.
 * @internal
 */
export function readReadinessConfig(config: Config): ReadinessOptions {
  const profile = config.getOptionalString('readiness.profile') ?? 'default';
  if (!builtInProfiles[profile]) {
    throw new Error(
      `readiness.profile "${profile}" is unknown (known profiles: ${Object.keys(
        builtInProfiles,
      ).join(', ')})`,
    );
  }
  const settings: CheckSettings = {
    externalSecretMaxAgeSeconds: config.getOptionalNumber(
      'readiness.externalSecretMaxAgeSeconds',
    ),
    restartThreshold: config.getOptionalNumber('readiness.restartThreshold'),
    certificateExpiryDays: config.getOptionalNumber(
      'readiness.certificateExpiryDays',
    ),
    dangerousCapabilities: config.getOptionalStringArray(
      'readiness.dangerousCapabilities',
    ),
    // The scanner never reads Secrets, so a missing TLS secret cannot be told from an unlisted one.
    secretsListed: false,
  };
  return {
    profile,
    overrides: readOverrides(config),
    settings: Object.fromEntries(
      Object.entries(settings).filter(([, v]) => v !== undefined),
    ) as CheckSettings,
    allowAnnotationExemptions:
      config.getOptionalBoolean('readiness.allowAnnotationExemptions') ?? true,
    excludeNamespaces: new Set(
      config.getOptionalStringArray('readiness.excludeNamespaces') ??
        DEFAULT_EXCLUDED_NAMESPACES,
    ),
    retentionDays: positive(config, 'readiness.retentionDays', 90),
    maxExemptionDays: positive(config, 'readiness.exemptions.maxDays', 365),
    levels: readLevels(config),
    schedule: readSchedule(config),
    platform: readPlatform(config),
    live: readLive(config),
  };
}
