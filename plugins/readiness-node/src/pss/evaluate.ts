import { POD_SECURITY_CONTROLS } from './controls';
import { compareGo } from './format';
import { viewOf } from './podView';
import {
  ControlRevision,
  PodLike,
  PodSecurityControl,
  PodSecurityLevel,
  PodSecurityResult,
  PodSecurityVersion,
  PodSecurityViolation,
} from './types';
import {
  isPodSecurityLevel,
  podSecurityMinor,
  POD_SECURITY_LEVELS,
} from './version';

/** The revision of a control in force at a minor version, if the control exists by then. */
export function revisionAt(
  control: PodSecurityControl,
  minor: number,
): ControlRevision | undefined {
  let found: ControlRevision | undefined;
  for (const revision of control.revisions) {
    if (revision.since <= minor) found = revision;
  }
  return found;
}

type Active = { control: PodSecurityControl; revision: ControlRevision };

// Upstream's order: baseline ids sorted, then restricted ids sorted.
const LEVEL_RANK = { baseline: 0, restricted: 1 };
const ORDERED = [...POD_SECURITY_CONTROLS].sort(
  (a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || compareGo(a.id, b.id),
);

const cache = new Map<string, Active[]>();

/** The controls a level enforces at a minor version; restricted revisions may replace baseline ones. */
function activeControls(level: 'baseline' | 'restricted', minor: number) {
  const key = `${level}:${minor}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const applicable = ORDERED.flatMap(control => {
    const revision = revisionAt(control, minor);
    return revision ? [{ control, revision }] : [];
  });
  const restricted = applicable.filter(a => a.control.level === 'restricted');
  const overridden = new Set(
    restricted.flatMap(a => a.revision.overrides ?? []),
  );
  const active = applicable.filter(a =>
    a.control.level === 'baseline'
      ? !(level === 'restricted' && overridden.has(a.control.id))
      : level === 'restricted',
  );
  cache.set(key, active);
  return active;
}

function requireInputs(level: PodSecurityLevel, version: PodSecurityVersion) {
  if (!isPodSecurityLevel(level)) {
    throw new TypeError(
      `Unknown Pod Security level "${level}"; expected one of ${POD_SECURITY_LEVELS.join(
        ', ',
      )}`,
    );
  }
  const minor = podSecurityMinor(version);
  if (minor === undefined) {
    throw new TypeError(
      `Unknown Pod Security version "${version}"; expected "latest" or "v1.x"`,
    );
  }
  return minor;
}

/**
 * Judges a pod, or a pod template, as Pod Security Admission enforcing `level` at `version`
 * would: the same controls, the same version rules and the same refusal messages.
 * Throws a TypeError for an unknown level or version.
 * @public
 */
export function evaluatePodSecurity(
  pod: PodLike,
  level: PodSecurityLevel,
  version: PodSecurityVersion = 'latest',
): PodSecurityResult {
  const minor = requireInputs(level, version);
  const violations: PodSecurityViolation[] = [];
  if (level !== 'privileged') {
    const view = viewOf(pod);
    for (const { control, revision } of activeControls(level, minor)) {
      const forbidden = revision.check(view);
      if (forbidden)
        violations.push({
          id: control.id,
          name: forbidden.reason,
          message: forbidden.detail,
          level: control.level,
        });
    }
  }
  return {
    allowed: violations.length === 0,
    level,
    version: `v1.${minor}`,
    violations,
  };
}

/**
 * The strictest level whose enforcement would admit the pod at `version`: `restricted`,
 * `baseline`, or `privileged` (which admits everything).
 * @public
 */
export function highestAdmissibleLevel(
  pod: PodLike,
  version: PodSecurityVersion = 'latest',
): PodSecurityLevel {
  if (evaluatePodSecurity(pod, 'restricted', version).allowed)
    return 'restricted';
  if (evaluatePodSecurity(pod, 'baseline', version).allowed) return 'baseline';
  return 'privileged';
}
