import type { Strategy } from '../resourceType';
import { forbiddenField } from '../../server/errors';
import { clone, deepEqual, isObject } from '../../util/json';
import {
  defaultPodServiceAccount,
  defaultPodSpec,
  qosClass,
  validatePodSpec,
} from './podSpec';

const IMMUTABLE_SPEC_MESSAGE =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/** Copies the mutable pod spec fields from `from` into a copy of `to`, so the rest can be compared. */
function withMutableFields(to: any, from: any): any {
  const out = clone(to ?? {});
  for (const list of ['containers', 'initContainers']) {
    const a = out[list];
    const b = from?.[list];
    if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
      a.forEach((c: any, i: number) => {
        if (isObject(c) && isObject(b[i])) c.image = b[i].image;
      });
    }
  }
  out.activeDeadlineSeconds = from?.activeDeadlineSeconds;
  out.tolerations = from?.tolerations;
  return out;
}

export const podStrategy: Strategy = {
  defaults(obj) {
    defaultPodSpec(obj.spec);
    defaultPodServiceAccount(obj.spec);
  },
  prepareCreate(obj) {
    // The registry resets status on create; the phase starts Pending until a kubelet reports.
    obj.status = { phase: 'Pending', qosClass: qosClass(obj.spec) };
  },
  validate(obj) {
    return validatePodSpec(obj.spec, 'spec');
  },
  validateUpdate(obj, old) {
    if (!deepEqual(withMutableFields(old.spec, obj.spec), obj.spec)) {
      return [forbiddenField('spec', IMMUTABLE_SPEC_MESSAGE)];
    }
    return [];
  },
};
