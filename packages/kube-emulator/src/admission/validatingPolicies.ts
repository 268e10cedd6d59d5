import type { Core } from '../core/Core';
import type { KubeObject } from '../types';
import { keyOf } from '../api/resourceType';
import { ApiError, forbidden } from '../server/errors';
import { isObject } from '../util/json';
import { labelSelectorRequirements, matchesLabels } from '../server/selectors';
import {
  admissionRequest,
  namespaceObject,
  type AdmissionAttributes,
} from './attributes';
import { evaluate, LazyVariables, toCelValue } from './cel';
import { compilePolicy, type CompiledPolicy } from './compilePolicy';
import { matchesResources } from './matchResources';

/**
 * ValidatingAdmissionPolicy enforcement, as the API server's validating policy dispatcher does
 * it (admission/plugin/policy/validating): every policy whose matchConstraints match the request
 * is evaluated once per binding that names it and matches too (and once per parameter object);
 * its matchConditions gate it, its validations decide, each binding's validationActions say what
 * a failed validation does (Deny refuses the request, Warn adds a Warning, Audit is not recorded
 * here), and failurePolicy says what an evaluation error does. The first denial is returned as
 * the API server words it.
 */

export const POLICY_KEY =
  'validatingadmissionpolicies.admissionregistration.k8s.io';
export const BINDING_KEY =
  'validatingadmissionpolicybindings.admissionregistration.k8s.io';

interface Decision {
  policy: string;
  binding?: string;
  message: string;
  reason?: string;
}

/** What a write's policies decided: warnings to send, and the first denial (if any). */
export interface PolicyVerdict {
  warnings: string[];
  denial?: ApiError;
}

/** Admission configuration kinds are never subject to policies, so a bad policy cannot lock itself in. */
const exempt = (a: AdmissionAttributes) =>
  a.group === 'admissionregistration.k8s.io';

export function evaluatePolicies(
  core: Core,
  attrs: AdmissionAttributes,
): PolicyVerdict {
  const verdict: PolicyVerdict = { warnings: [] };
  if (exempt(attrs)) return verdict;
  const policies = core.store.list(POLICY_KEY);
  if (policies.length === 0) return verdict;
  const bindings = core.store.list(BINDING_KEY).map(b => b.obj);
  const namespaceLabels = (name: string) =>
    core.namespace(name)?.metadata.labels;
  const denied: Decision[] = [];
  const request = admissionRequest(attrs);

  for (const { obj: policyObj } of policies) {
    const spec = isObject(policyObj.spec) ? policyObj.spec : {};
    const policyName = policyObj.metadata.name ?? '';
    const mine = bindings.filter(b => b.spec?.policyName === policyName);
    if (mine.length === 0) continue;
    if (!matchesResources(spec.matchConstraints, attrs, namespaceLabels, false))
      continue;
    const policy = compilePolicy(policyObj);
    const configError = (message: string, binding?: string) => {
      if (policy.failurePolicy === 'Ignore') return;
      const prefix = binding
        ? 'failed to configure binding'
        : 'failed to configure policy';
      denied.push({
        policy: policyName,
        binding,
        message: `${prefix}: ${message}`,
      });
    };
    if (policy.configError) {
      configError(policy.configError);
      continue;
    }
    for (const binding of mine) {
      const bindingName = binding.metadata.name ?? '';
      const bspec = isObject(binding.spec) ? binding.spec : {};
      if (
        bspec.matchResources !== undefined &&
        bspec.matchResources !== null &&
        !matchesResources(bspec.matchResources, attrs, namespaceLabels, true)
      )
        continue;
      let params: Array<KubeObject | null>;
      try {
        params = collectParams(core, policy, bspec.paramRef, attrs.namespace);
      } catch (e) {
        configError((e as Error).message, bindingName);
        continue;
      }
      const actions: string[] = Array.isArray(bspec.validationActions)
        ? bspec.validationActions
        : [];
      for (const param of params) {
        for (const d of validate(core, policy, attrs, request, param)) {
          const decision = { ...d, policy: policyName, binding: bindingName };
          if (actions.includes('Deny')) denied.push(decision);
          if (actions.includes('Warn'))
            verdict.warnings.push(
              `Validation failed for ValidatingAdmissionPolicy '${policyName}' with binding '${bindingName}': ${d.message}`,
            );
        }
      }
    }
  }
  if (denied.length > 0) verdict.denial = denialError(attrs, denied[0]);
  return verdict;
}

/** The Status of a denial: admission's Forbidden wording, with the validation's reason and code. */
function denialError(a: AdmissionAttributes, d: Decision): ApiError {
  const message = d.binding
    ? `ValidatingAdmissionPolicy '${d.policy}' with binding '${d.binding}' denied request: ${d.message}`
    : `ValidatingAdmissionPolicy '${d.policy}' denied request: ${d.message}`;
  const name =
    a.name ||
    a.object?.metadata?.name ||
    a.object?.metadata?.generateName ||
    'Unknown';
  const base = forbidden(
    { group: a.group, resource: a.resource },
    name,
    message,
    [{ message }],
  );
  const reason = d.reason || 'Invalid';
  return new ApiError(reasonCode(reason), reason, base.message, base.details);
}

function reasonCode(reason: string): number {
  switch (reason) {
    case 'Forbidden':
      return 403;
    case 'Unauthorized':
      return 401;
    case 'RequestEntityTooLarge':
      return 413;
    default:
      return 422;
  }
}

/** The parameter objects a binding selects (upstream CollectParams); `[null]` when none are used. */
function collectParams(
  core: Core,
  policy: CompiledPolicy,
  ref: unknown,
  requestNamespace: string,
): Array<KubeObject | null> {
  if (!policy.paramKind || !isObject(ref)) return [null];
  const { apiVersion, kind } = policy.paramKind;
  const rt = core.registry.byKind(apiVersion, kind);
  if (!rt)
    throw new Error(
      `failed to find resource referenced by paramKind: '${apiVersion}, Kind=${kind}'`,
    );
  let ns = '';
  if (rt.namespaced) {
    ns =
      typeof ref.namespace === 'string' && ref.namespace
        ? ref.namespace
        : requestNamespace;
    if (!ns)
      throw new Error(
        'cannot use namespaced paramRef in policy binding that matches cluster-scoped resources',
      );
  } else if (ref.namespace) {
    throw new Error(
      'paramRef.namespace must not be provided for a cluster-scoped `paramKind`',
    );
  }
  let params: KubeObject[];
  if (typeof ref.name === 'string' && ref.name) {
    const so = core.store.get(keyOf(rt), ns, ref.name);
    params = so ? [so.obj] : [];
  } else if (isObject(ref.selector)) {
    const reqs = labelSelectorRequirements(ref.selector) ?? [];
    params = core.store
      .list(keyOf(rt), rt.namespaced ? ns : undefined)
      .map(so => so.obj)
      .filter(o => matchesLabels(reqs, o.metadata.labels));
  } else {
    throw new Error('one of name or selector must be provided');
  }
  if (params.length === 0 && ref.parameterNotFoundAction === 'Deny')
    throw new Error(
      'no params found for policy binding with `Deny` parameterNotFoundAction',
    );
  return params;
}

/** Runs one policy for one parameter: its failed validations and evaluation errors (by failurePolicy). */
function validate(
  core: Core,
  policy: CompiledPolicy,
  attrs: AdmissionAttributes,
  request: Record<string, unknown>,
  param: KubeObject | null,
): Array<Omit<Decision, 'policy'>> {
  const failOnError = policy.failurePolicy !== 'Ignore';
  const namespace =
    attrs.namespace && !(attrs.group === '' && attrs.resource === 'namespaces')
      ? core.namespace(attrs.namespace)
      : undefined;
  const bindings: Record<string, unknown> = {
    object: toCelValue(attrs.object),
    oldObject: toCelValue(attrs.oldObject),
    request: toCelValue(request),
    params: toCelValue(param),
    namespaceObject: toCelValue(namespaceObject(namespace)),
  };
  const variables = new LazyVariables(policy.variables, () => bindings);
  bindings.variables = variables;
  const run = (program: (b: Record<string, unknown>) => unknown) =>
    evaluate(program, bindings, variables);

  // matchConditions: any false skips the policy; errors (without a false) follow failurePolicy.
  const errors: string[] = [];
  for (const c of policy.matchConditions) {
    try {
      if (run(c.program) === false) return [];
    } catch (e) {
      errors.push(
        `expression '${c.expression}' resulted in error: ${
          (e as Error).message
        }`,
      );
    }
  }
  if (errors.length > 0) {
    if (!failOnError) return [];
    return [
      { message: errors.length === 1 ? errors[0] : `[${errors.join(', ')}]` },
    ];
  }

  const out: Array<Omit<Decision, 'policy'>> = [];
  for (const v of policy.validations) {
    let result: unknown;
    try {
      result = run(v.program);
    } catch (e) {
      if (failOnError)
        out.push({
          message: `expression '${v.expression}' resulted in error: ${
            (e as Error).message
          }`,
        });
      continue;
    }
    if (result === true) continue;
    out.push({
      message: failureMessage(v, run),
      reason: v.reason ?? 'Invalid',
    });
  }
  return out;
}

/** messageExpression (a one-line, non-blank string), else message, else the failed expression. */
function failureMessage(
  v: CompiledPolicy['validations'][number],
  run: (p: (b: Record<string, unknown>) => unknown) => unknown,
): string {
  if (v.messageExpression) {
    try {
      const m = run(v.messageExpression);
      if (
        typeof m === 'string' &&
        m.trim() &&
        !m.includes('\n') &&
        m.length <= 5120
      )
        return m.trim();
    } catch {
      // A failing messageExpression falls back to the static message, as upstream does.
    }
  }
  if (v.message?.trim()) return v.message.trim();
  return `failed expression: ${v.expression.trim()}`;
}
