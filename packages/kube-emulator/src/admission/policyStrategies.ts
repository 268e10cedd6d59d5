import type { Strategy } from '../api/resourceType';
import {
  forbiddenField,
  invalidValue,
  notSupported,
  required,
  duplicate,
  type FieldError,
} from '../server/errors';
import { isObject } from '../util/json';
import { expressionErrors } from './compilePolicy';

/**
 * Defaulting and validation of ValidatingAdmissionPolicy / ValidatingAdmissionPolicyBinding, the
 * parts of the API server's that matter for enforcement: required fields, supported enum values,
 * and expressions that parse (a policy whose CEL is malformed is refused with 422).
 */

const FAILURE_POLICIES = ['Fail', 'Ignore'];
const ACTIONS = ['Deny', 'Warn', 'Audit'];
const REASONS = [
  'Unauthorized',
  'Forbidden',
  'Invalid',
  'RequestEntityTooLarge',
];

const quoted = (v: unknown) => JSON.stringify(v ?? '');

function defaultMatch(match: Record<string, any>) {
  match.namespaceSelector ??= {};
  match.objectSelector ??= {};
  match.matchPolicy ??= 'Equivalent';
  for (const list of [match.resourceRules, match.excludeResourceRules])
    for (const r of Array.isArray(list) ? list : [])
      if (isObject(r)) r.scope ??= '*';
}

export const validatingAdmissionPolicyStrategy: Strategy = {
  defaults(obj) {
    if (!isObject(obj.spec)) return;
    obj.spec.failurePolicy ??= 'Fail';
    if (isObject(obj.spec.matchConstraints))
      defaultMatch(obj.spec.matchConstraints);
  },
  validate(obj) {
    const spec = isObject(obj.spec) ? obj.spec : {};
    const errs: FieldError[] = [];
    if (!FAILURE_POLICIES.includes(spec.failurePolicy))
      errs.push(
        notSupported(
          'spec.failurePolicy',
          quoted(spec.failurePolicy),
          FAILURE_POLICIES,
        ),
      );
    const rules = spec.matchConstraints?.resourceRules;
    if (!Array.isArray(rules) || rules.length === 0)
      errs.push(required('spec.matchConstraints.resourceRules'));
    const validations = Array.isArray(spec.validations) ? spec.validations : [];
    const audits = Array.isArray(spec.auditAnnotations)
      ? spec.auditAnnotations
      : [];
    if (validations.length === 0 && audits.length === 0)
      errs.push(
        required(
          'spec.validations',
          'validations or auditAnnotations must contain at least one item',
        ),
      );
    validations.forEach((v: any, i: number) => {
      if (!isObject(v) || !v.expression)
        errs.push(required(`spec.validations[${i}].expression`));
      if (isObject(v) && v.reason !== undefined && !REASONS.includes(v.reason))
        errs.push(
          notSupported(
            `spec.validations[${i}].reason`,
            quoted(v.reason),
            REASONS,
          ),
        );
    });
    for (const e of expressionErrors(spec))
      errs.push(
        invalidValue(
          e.field,
          quoted(e.value),
          `compilation failed: ${e.error}`,
        ),
      );
    return errs;
  },
};

export const validatingAdmissionPolicyBindingStrategy: Strategy = {
  defaults(obj) {
    if (isObject(obj.spec?.matchResources))
      defaultMatch(obj.spec.matchResources);
  },
  validate(obj) {
    const spec = isObject(obj.spec) ? obj.spec : {};
    const errs: FieldError[] = [];
    if (!spec.policyName) errs.push(required('spec.policyName'));
    const actions: unknown[] = Array.isArray(spec.validationActions)
      ? spec.validationActions
      : [];
    if (actions.length === 0)
      errs.push(
        required(
          'spec.validationActions',
          'at least one validation action is required',
        ),
      );
    actions.forEach((a, i) => {
      if (!ACTIONS.includes(a as string))
        errs.push(
          notSupported(`spec.validationActions[${i}]`, quoted(a), ACTIONS),
        );
      else if (actions.indexOf(a) !== i)
        errs.push(duplicate(`spec.validationActions[${i}]`, quoted(a)));
    });
    if (actions.includes('Deny') && actions.includes('Warn'))
      errs.push(
        invalidValue(
          'spec.validationActions',
          `[]admissionregistration.ValidationAction{${actions
            .map(a => JSON.stringify(a))
            .join(', ')}}`,
          'must not contain both Deny and Warn (repeating the same validation failure information in the API response and headers serves no purpose)',
        ),
      );
    const ref = spec.paramRef;
    if (isObject(ref) && !!ref.name === isObject(ref.selector))
      errs.push(
        forbiddenField(
          'spec.paramRef',
          'exactly one of name or selector must be specified',
        ),
      );
    return errs;
  },
};
