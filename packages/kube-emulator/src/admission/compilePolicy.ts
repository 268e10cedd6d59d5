import type { KubeObject } from '../types';
import { isObject } from '../util/json';
import { compileExpression, type CompiledExpression } from './cel';

/** A ValidatingAdmissionPolicy with its expressions parsed. */
export interface CompiledPolicy {
  name: string;
  failurePolicy: 'Fail' | 'Ignore' | string;
  matchConditions: Array<{
    name: string;
    expression: string;
    program: CompiledExpression;
  }>;
  variables: Map<string, CompiledExpression>;
  validations: Array<{
    expression: string;
    program: CompiledExpression;
    message?: string;
    messageExpression?: CompiledExpression;
    reason?: string;
  }>;
  /** `spec.paramKind` when the policy takes parameters. */
  paramKind?: { apiVersion: string; kind: string };
  /** Set when an expression does not parse; the policy then fails by its failurePolicy. */
  configError?: string;
}

const cache = new WeakMap<KubeObject, CompiledPolicy>();

/** Field paths and parse errors of a policy's expressions (empty when all parse). */
export function expressionErrors(
  spec: Record<string, any>,
): Array<{ field: string; value: string; error: string }> {
  const out: Array<{ field: string; value: string; error: string }> = [];
  const check = (field: string, expression: unknown) => {
    if (typeof expression !== 'string') return;
    try {
      compileExpression(expression);
    } catch (e) {
      out.push({ field, value: expression, error: (e as Error).message });
    }
  };
  const list = (v: unknown): Record<string, any>[] =>
    Array.isArray(v) ? v.filter(isObject) : [];
  list(spec.matchConditions).forEach((c, i) =>
    check(`spec.matchConditions[${i}].expression`, c.expression),
  );
  list(spec.variables).forEach((v, i) =>
    check(`spec.variables[${i}].expression`, v.expression),
  );
  list(spec.validations).forEach((v, i) => {
    check(`spec.validations[${i}].expression`, v.expression);
    check(`spec.validations[${i}].messageExpression`, v.messageExpression);
  });
  return out;
}

/** Parses a stored policy's expressions once per stored version. */
export function compilePolicy(policy: KubeObject): CompiledPolicy {
  const hit = cache.get(policy);
  if (hit) return hit;
  const spec = isObject(policy.spec) ? policy.spec : {};
  const compiled: CompiledPolicy = {
    name: policy.metadata.name ?? '',
    failurePolicy: spec.failurePolicy ?? 'Fail',
    matchConditions: [],
    variables: new Map(),
    validations: [],
  };
  try {
    for (const c of Array.isArray(spec.matchConditions)
      ? spec.matchConditions
      : [])
      compiled.matchConditions.push({
        name: String(c.name ?? ''),
        expression: String(c.expression ?? ''),
        program: compileExpression(String(c.expression ?? '')),
      });
    for (const v of Array.isArray(spec.variables) ? spec.variables : [])
      compiled.variables.set(
        String(v.name ?? ''),
        compileExpression(String(v.expression ?? '')),
      );
    for (const v of Array.isArray(spec.validations) ? spec.validations : [])
      compiled.validations.push({
        expression: String(v.expression ?? ''),
        program: compileExpression(String(v.expression ?? '')),
        message: typeof v.message === 'string' ? v.message : undefined,
        messageExpression:
          typeof v.messageExpression === 'string'
            ? compileExpression(v.messageExpression)
            : undefined,
        reason: typeof v.reason === 'string' ? v.reason : undefined,
      });
  } catch (e) {
    compiled.configError = `compilation failed: ${(e as Error).message}`;
  }
  if (isObject(spec.paramKind))
    compiled.paramKind = {
      apiVersion: String(spec.paramKind.apiVersion ?? ''),
      kind: String(spec.paramKind.kind ?? ''),
    };
  cache.set(policy, compiled);
  return compiled;
}
