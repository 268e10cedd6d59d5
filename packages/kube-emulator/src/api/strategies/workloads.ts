import type { Strategy } from '../resourceType';
import type { KubeObject } from '../../types';
import {
  FieldError,
  invalidValue,
  notSupported,
  required,
} from '../../server/errors';
import { deepEqual, goValue, isObject, JsonObject } from '../../util/json';
import {
  labelSelectorRequirements,
  matchesLabels,
} from '../../server/selectors';
import { defaultPodSpec, validatePodSpec } from './podSpec';

const nonNegative = (v: unknown, field: string): FieldError[] =>
  v !== undefined && (!Number.isInteger(v) || (v as number) < 0)
    ? [invalidValue(field, goValue(v), 'must be greater than or equal to 0')]
    : [];

/** Selector + template checks shared by every pod controller. */
function validateSelectorAndTemplate(
  spec: JsonObject | undefined,
  kindLabel: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const selector = spec?.selector;
  const template = spec?.template;
  if (!isObject(selector)) errs.push(required('spec.selector'));
  else {
    const reqs = labelSelectorRequirements(selector) ?? [];
    if (reqs.length === 0) {
      errs.push(
        invalidValue(
          'spec.selector',
          goValue(selector),
          `empty selector is invalid for ${kindLabel}`,
        ),
      );
    } else if (!matchesLabels(reqs, template?.metadata?.labels)) {
      errs.push(
        invalidValue(
          'spec.template.metadata.labels',
          goValue(template?.metadata?.labels ?? {}),
          '`selector` does not match template `labels`',
        ),
      );
    }
  }
  if (!isObject(template)) errs.push(required('spec.template'));
  else errs.push(...validatePodSpec(template.spec, 'spec.template.spec'));
  return errs;
}

function immutable(field: string, a: unknown, b: unknown): FieldError[] {
  return deepEqual(a, b)
    ? []
    : [invalidValue(field, goValue(a), 'field is immutable')];
}

/** The errors of an update that changed any of these (immutable) spec fields. */
function immutableSpec(
  obj: KubeObject,
  old: KubeObject,
  ...fields: string[]
): FieldError[] {
  return fields.flatMap(f =>
    immutable(`spec.${f}`, obj.spec?.[f], old.spec?.[f]),
  );
}

function defaultTemplate(spec: JsonObject | undefined): void {
  if (isObject(spec?.template)) defaultPodSpec(spec!.template.spec);
}

function resetStatus(obj: JsonObject): void {
  obj.status = {};
}

function alwaysRestart(spec: JsonObject | undefined): FieldError[] {
  const policy = spec?.template?.spec?.restartPolicy;
  return policy && policy !== 'Always'
    ? [
        notSupported('spec.template.spec.restartPolicy', goValue(policy), [
          'Always',
        ]),
      ]
    : [];
}

/** Defaults `spec.updateStrategy` to RollingUpdate with these settings (StatefulSet, DaemonSet). */
function defaultUpdateStrategy(
  spec: JsonObject,
  rollingUpdate: JsonObject,
): void {
  if (!isObject(spec.updateStrategy))
    spec.updateStrategy = { type: 'RollingUpdate' };
  if (
    spec.updateStrategy.type === 'RollingUpdate' &&
    !isObject(spec.updateStrategy.rollingUpdate)
  )
    spec.updateStrategy.rollingUpdate = rollingUpdate;
}

/** The create checks shared by the controllers that keep `spec.replicas` pods running. */
function validateReplicated(obj: KubeObject, kindLabel: string): FieldError[] {
  return [
    ...nonNegative(obj.spec?.replicas, 'spec.replicas'),
    ...validateSelectorAndTemplate(obj.spec, kindLabel),
    ...alwaysRestart(obj.spec),
  ];
}

export const deploymentStrategy: Strategy = {
  defaults(obj) {
    const spec = obj.spec;
    if (!isObject(spec)) return;
    if (spec.replicas === undefined) spec.replicas = 1;
    if (spec.revisionHistoryLimit === undefined) spec.revisionHistoryLimit = 10;
    if (spec.progressDeadlineSeconds === undefined)
      spec.progressDeadlineSeconds = 600;
    if (!isObject(spec.strategy)) spec.strategy = {};
    if (!spec.strategy.type) spec.strategy.type = 'RollingUpdate';
    if (
      spec.strategy.type === 'RollingUpdate' &&
      !isObject(spec.strategy.rollingUpdate)
    ) {
      spec.strategy.rollingUpdate = { maxUnavailable: '25%', maxSurge: '25%' };
    }
    defaultTemplate(spec);
  },
  prepareCreate: resetStatus,
  validate: obj => validateReplicated(obj, 'deployment'),
  validateUpdate: (obj, old) => immutableSpec(obj, old, 'selector'),
};

export const replicaSetStrategy: Strategy = {
  defaults(obj) {
    if (!isObject(obj.spec)) return;
    if (obj.spec.replicas === undefined) obj.spec.replicas = 1;
    defaultTemplate(obj.spec);
  },
  prepareCreate(obj) {
    obj.status = { replicas: 0 };
  },
  validate: obj => validateReplicated(obj, 'replicaset'),
  validateUpdate: (obj, old) => immutableSpec(obj, old, 'selector'),
};

export const statefulSetStrategy: Strategy = {
  defaults(obj) {
    const spec = obj.spec;
    if (!isObject(spec)) return;
    if (spec.replicas === undefined) spec.replicas = 1;
    if (spec.podManagementPolicy === undefined)
      spec.podManagementPolicy = 'OrderedReady';
    if (spec.revisionHistoryLimit === undefined) spec.revisionHistoryLimit = 10;
    defaultUpdateStrategy(spec, { partition: 0 });
    if (!isObject(spec.persistentVolumeClaimRetentionPolicy)) {
      spec.persistentVolumeClaimRetentionPolicy = {
        whenDeleted: 'Retain',
        whenScaled: 'Retain',
      };
    }
    defaultTemplate(spec);
  },
  prepareCreate(obj) {
    obj.status = { replicas: 0, availableReplicas: 0 };
  },
  validate: obj => validateReplicated(obj, 'statefulset'),
  validateUpdate: (obj, old) =>
    immutableSpec(obj, old, 'selector', 'serviceName'),
};

export const daemonSetStrategy: Strategy = {
  defaults(obj) {
    const spec = obj.spec;
    if (!isObject(spec)) return;
    if (spec.revisionHistoryLimit === undefined) spec.revisionHistoryLimit = 10;
    defaultUpdateStrategy(spec, { maxUnavailable: 1, maxSurge: 0 });
    defaultTemplate(spec);
  },
  prepareCreate(obj) {
    obj.status = {
      currentNumberScheduled: 0,
      numberMisscheduled: 0,
      desiredNumberScheduled: 0,
      numberReady: 0,
    };
  },
  validate: obj => [
    ...validateSelectorAndTemplate(obj.spec, 'daemonset'),
    ...alwaysRestart(obj.spec),
  ],
  validateUpdate: (obj, old) => immutableSpec(obj, old, 'selector'),
};

const JOB_RESTART = ['OnFailure', 'Never'];

function validateJobSpec(
  spec: JsonObject | undefined,
  prefix: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const f = (s: string) => `${prefix}.${s}`;
  if (!isObject(spec?.template)) return [required(f('template'))];
  errs.push(...validatePodSpec(spec!.template.spec, f('template.spec')));
  const policy = spec!.template.spec?.restartPolicy;
  if (!JOB_RESTART.includes(policy))
    errs.push(
      notSupported(
        f('template.spec.restartPolicy'),
        goValue(policy),
        JOB_RESTART,
      ),
    );
  for (const field of [
    'parallelism',
    'completions',
    'backoffLimit',
    'activeDeadlineSeconds',
    'ttlSecondsAfterFinished',
  ]) {
    errs.push(...nonNegative(spec![field], f(field)));
  }
  return errs;
}

function defaultJobSpec(spec: JsonObject | undefined): void {
  if (!isObject(spec)) return;
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  if (spec.parallelism === undefined) spec.parallelism = 1;
  if (spec.backoffLimit === undefined) spec.backoffLimit = 6;
  if (spec.completionMode === undefined) spec.completionMode = 'NonIndexed';
  if (spec.suspend === undefined) spec.suspend = false;
  if (spec.podReplacementPolicy === undefined && !spec.podFailurePolicy)
    spec.podReplacementPolicy = 'TerminatingOrFailed';
  defaultTemplate(spec);
}

export const jobStrategy: Strategy = {
  defaults: obj => defaultJobSpec(obj.spec),
  prepareCreate(obj) {
    obj.status = {};
    const spec = obj.spec;
    if (!isObject(spec) || spec.manualSelector === true) return;
    // The job registry generates a selector on the job's uid and labels the template with it.
    const uid = obj.metadata.uid!;
    const name = obj.metadata.name!;
    spec.selector = {
      matchLabels: { 'batch.kubernetes.io/controller-uid': uid },
    };
    if (!isObject(spec.template)) return;
    const meta = (spec.template.metadata = isObject(spec.template.metadata)
      ? spec.template.metadata
      : {});
    meta.labels = {
      ...(meta.labels ?? {}),
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': name,
      'controller-uid': uid,
      'job-name': name,
    };
    if (!obj.metadata.labels || Object.keys(obj.metadata.labels).length === 0) {
      obj.metadata.labels = { ...meta.labels };
    }
  },
  validate(obj) {
    const errs = validateJobSpec(obj.spec, 'spec');
    if (obj.spec?.manualSelector === true)
      errs.push(
        ...validateSelectorAndTemplate(obj.spec, 'job').filter(
          e => !e.field.startsWith('spec.template.spec'),
        ),
      );
    return errs;
  },
  validateUpdate: (obj, old) =>
    immutableSpec(obj, old, 'selector', 'template', 'completions'),
};

export const cronJobStrategy: Strategy = {
  defaults(obj) {
    const spec = obj.spec;
    if (!isObject(spec)) return;
    if (spec.concurrencyPolicy === undefined) spec.concurrencyPolicy = 'Allow';
    if (spec.suspend === undefined) spec.suspend = false;
    if (spec.successfulJobsHistoryLimit === undefined)
      spec.successfulJobsHistoryLimit = 3;
    if (spec.failedJobsHistoryLimit === undefined)
      spec.failedJobsHistoryLimit = 1;
    defaultJobSpec(spec.jobTemplate?.spec);
  },
  prepareCreate: resetStatus,
  validate(obj) {
    const errs: FieldError[] = [];
    const schedule = obj.spec?.schedule;
    if (!schedule) errs.push(required('spec.schedule'));
    else if (
      typeof schedule !== 'string' ||
      (!schedule.startsWith('@') && schedule.trim().split(/\s+/).length !== 5)
    ) {
      errs.push(
        invalidValue(
          'spec.schedule',
          goValue(schedule),
          `unparseable schedule`,
        ),
      );
    }
    if (!isObject(obj.spec?.jobTemplate))
      errs.push(required('spec.jobTemplate'));
    else
      errs.push(
        ...validateJobSpec(obj.spec!.jobTemplate.spec, 'spec.jobTemplate.spec'),
      );
    return errs;
  },
};
