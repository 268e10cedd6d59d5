import {
  FieldError,
  duplicate,
  invalidValue,
  notSupported,
  required,
} from '../../server/errors';
import { goValue, isObject, JsonObject } from '../../util/json';
import { labelErrors } from '../validation/names';

/** Container defaults the API server applies (SetDefaults_Container and friends). */
function defaultContainer(c: JsonObject): void {
  if (!isObject(c)) return;
  if (c.terminationMessagePath === undefined)
    c.terminationMessagePath = '/dev/termination-log';
  if (c.terminationMessagePolicy === undefined)
    c.terminationMessagePolicy = 'File';
  if (c.imagePullPolicy === undefined && typeof c.image === 'string') {
    const tagged = /:[^/]+$/.test(c.image.split('@')[0]);
    const latest = !tagged || c.image.split('@')[0].endsWith(':latest');
    c.imagePullPolicy =
      latest && !c.image.includes('@') ? 'Always' : 'IfNotPresent';
  }
  if (c.resources === undefined) c.resources = {};
  if (Array.isArray(c.ports)) {
    for (const p of c.ports)
      if (isObject(p) && p.protocol === undefined) p.protocol = 'TCP';
  }
}

/** SetDefaults_PodSpec, trimmed to the fields clients commonly look at. */
export function defaultPodSpec(spec: JsonObject | undefined): void {
  if (!isObject(spec)) return;
  if (spec.restartPolicy === undefined) spec.restartPolicy = 'Always';
  if (spec.terminationGracePeriodSeconds === undefined)
    spec.terminationGracePeriodSeconds = 30;
  if (spec.dnsPolicy === undefined) spec.dnsPolicy = 'ClusterFirst';
  if (spec.securityContext === undefined) spec.securityContext = {};
  if (spec.schedulerName === undefined)
    spec.schedulerName = 'default-scheduler';
  for (const list of ['containers', 'initContainers']) {
    if (Array.isArray(spec[list])) spec[list].forEach(defaultContainer);
  }
}

/** The ServiceAccount admission plugin's defaults for pods (not templates). */
export function defaultPodServiceAccount(spec: JsonObject | undefined): void {
  if (!isObject(spec)) return;
  if (!spec.serviceAccountName)
    spec.serviceAccountName = spec.serviceAccount || 'default';
  if (!spec.serviceAccount) spec.serviceAccount = spec.serviceAccountName;
  if (spec.enableServiceLinks === undefined) spec.enableServiceLinks = true;
  if (spec.priority === undefined) spec.priority = 0;
  if (spec.preemptionPolicy === undefined)
    spec.preemptionPolicy = 'PreemptLowerPriority';
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];

function validateContainers(
  list: unknown,
  field: string,
  names: Set<string>,
  requireOne: boolean,
): FieldError[] {
  const errs: FieldError[] = [];
  if (!Array.isArray(list) || list.length === 0) {
    if (requireOne) errs.push(required(field));
    return errs;
  }
  list.forEach((c, i) => {
    const at = `${field}[${i}]`;
    if (!isObject(c)) {
      errs.push(invalidValue(at, goValue(c), 'must be an object'));
      return;
    }
    if (!c.name) errs.push(required(`${at}.name`));
    else if (typeof c.name !== 'string')
      errs.push(
        invalidValue(`${at}.name`, goValue(c.name), 'must be a string'),
      );
    else {
      for (const m of labelErrors(c.name))
        errs.push(invalidValue(`${at}.name`, goValue(c.name), m));
      if (names.has(c.name))
        errs.push(duplicate(`${at}.name`, goValue(c.name)));
      names.add(c.name);
    }
    if (!c.image || typeof c.image !== 'string' || !c.image.trim())
      errs.push(required(`${at}.image`));
    if (Array.isArray(c.ports)) {
      c.ports.forEach((p: unknown, j: number) => {
        const port = isObject(p) ? p.containerPort : undefined;
        if (port === undefined)
          errs.push(required(`${at}.ports[${j}].containerPort`));
        else if (!Number.isInteger(port) || port < 1 || port > 65535)
          errs.push(
            invalidValue(
              `${at}.ports[${j}].containerPort`,
              goValue(port),
              'must be between 1 and 65535, inclusive',
            ),
          );
      });
    }
    if (c.env !== undefined && !Array.isArray(c.env))
      errs.push(invalidValue(`${at}.env`, goValue(c.env), 'must be a list'));
    if (Array.isArray(c.env)) {
      c.env.forEach((e: unknown, j: number) => {
        if (!isObject(e) || !e.name)
          errs.push(required(`${at}.env[${j}].name`));
      });
    }
  });
  return errs;
}

/** ValidatePodSpec, covering required fields, names and the enumerations clients get wrong. */
export function validatePodSpec(spec: unknown, field: string): FieldError[] {
  if (!isObject(spec)) return [required(`${field}.containers`)];
  const names = new Set<string>();
  const errs = [
    ...validateContainers(spec.containers, `${field}.containers`, names, true),
    ...validateContainers(
      spec.initContainers,
      `${field}.initContainers`,
      names,
      false,
    ),
  ];
  if (
    spec.restartPolicy !== undefined &&
    !RESTART_POLICIES.includes(spec.restartPolicy)
  ) {
    errs.push(
      notSupported(
        `${field}.restartPolicy`,
        goValue(spec.restartPolicy),
        RESTART_POLICIES,
      ),
    );
  }
  if (Array.isArray(spec.volumes)) {
    const volumeNames = new Set<string>();
    spec.volumes.forEach((v: unknown, i: number) => {
      const name = isObject(v) ? v.name : undefined;
      if (!name) errs.push(required(`${field}.volumes[${i}].name`));
      else if (volumeNames.has(name))
        errs.push(duplicate(`${field}.volumes[${i}].name`, goValue(name)));
      else volumeNames.add(name);
    });
  }
  return errs;
}

/** The QoS class the API server records in pod status. */
export function qosClass(spec: JsonObject | undefined): string {
  const containers: JsonObject[] = [
    ...(Array.isArray(spec?.containers) ? spec!.containers : []),
    ...(Array.isArray(spec?.initContainers) ? spec!.initContainers : []),
  ];
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const req = c?.resources?.requests ?? {};
    const lim = c?.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ['cpu', 'memory']) {
      if (
        lim[r] === undefined ||
        (req[r] !== undefined && String(req[r]) !== String(lim[r]))
      )
        guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
