import type { ServerResponse } from 'node:http';
import type { ResourceType } from '../api/resourceType';
import type { WriteAdmission } from '../core/Core';
import type { KubeObject } from '../types';
import type { AdmissionAttributes } from '../admission/attributes';
import { evaluatePolicies } from '../admission/validatingPolicies';
import type { Ctx } from './context';
import type { ResourceRequestInfo } from './router';

/** Adds `Warning: 299 - "..."` headers, as the API server reports admission warnings. */
function addWarnings(res: ServerResponse, warnings: string[]): void {
  if (res.headersSent) return;
  const existing = res.getHeader('Warning');
  let previous: string[] = [];
  if (Array.isArray(existing)) previous = existing;
  else if (existing !== undefined) previous = [String(existing)];
  res.setHeader('Warning', [
    ...previous,
    ...warnings.map(w => `299 - ${JSON.stringify(w)}`),
  ]);
}

/**
 * The ValidatingAdmissionPolicy checks of a write, as WriteOptions admission hooks: they run
 * after the object's own validation and before it is stored, as the API server's validating
 * admission does. A denial throws its Status; warnings become response headers.
 */
export function policyAdmission(
  ctx: Ctx,
  rt: ResourceType,
  info: ResourceRequestInfo,
  dryRun: boolean,
  /** The name the request carried (before generateName), for creates. */
  requestName?: () => string,
): WriteAdmission {
  const isNamespace = rt.group === '' && rt.plural === 'namespaces';
  const attributes = (
    operation: AdmissionAttributes['operation'],
    object: KubeObject | null,
    oldObject: KubeObject | null,
  ): AdmissionAttributes => {
    const obj = object ?? oldObject;
    const name =
      operation === 'CREATE' && requestName
        ? requestName()
        : info.name || obj?.metadata.name || '';
    let namespace = '';
    if (isNamespace) namespace = name;
    else if (rt.namespaced)
      namespace = info.namespace || obj?.metadata.namespace || '';
    return {
      operation,
      group: rt.group,
      version: info.version,
      resource: rt.plural,
      subresource: info.subresource,
      kind: rt.kind,
      namespace,
      name,
      object,
      oldObject,
      user: ctx.user,
      dryRun,
    };
  };
  const admit = (a: AdmissionAttributes) => {
    const verdict = evaluatePolicies(ctx.deps.core, a);
    if (verdict.warnings.length > 0) addWarnings(ctx.res, verdict.warnings);
    if (verdict.denial) throw verdict.denial;
  };
  return {
    validateCreate: obj => admit(attributes('CREATE', obj, null)),
    validateUpdate: (obj, old) => admit(attributes('UPDATE', obj, old)),
    validateDelete: old => admit(attributes('DELETE', null, old)),
  };
}

/** Runs several hook sets in order (authorization checks before policies). */
export function combineAdmission(
  ...sets: Array<WriteAdmission | undefined>
): WriteAdmission {
  const present = sets.filter((s): s is WriteAdmission => !!s);
  return {
    beforeCreate: obj => present.forEach(s => s.beforeCreate?.(obj)),
    beforeUpdate: (obj, old) =>
      present.forEach(s => s.beforeUpdate?.(obj, old)),
    validateCreate: obj => present.forEach(s => s.validateCreate?.(obj)),
    validateUpdate: (obj, old) =>
      present.forEach(s => s.validateUpdate?.(obj, old)),
    validateDelete: old => present.forEach(s => s.validateDelete?.(old)),
  };
}
