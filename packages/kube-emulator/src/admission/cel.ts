import {
  celEnv,
  isCelError,
  parse,
  plan,
  type CelInput,
  type CelResult,
} from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { KUBERNETES_CEL_FUNCS } from './kubernetesCel';

/**
 * CEL for admission policies: the standard library (has, size, all/exists/exists_one/map/filter,
 * startsWith/endsWith/contains/matches with RE2), plus the strings extension Kubernetes enables
 * (lowerAscii, upperAscii, replace, split, substring, trim, indexOf, join, ...) and the most used
 * parts of Kubernetes' libraries (./kubernetesCel). Expressions are
 * parsed once; they are not type-checked, so a misspelt field or function shows up at evaluation
 * time as an error (subject to the policy's failurePolicy) rather than when the policy is written.
 */

const env = celEnv({ funcs: [...strings, ...KUBERNETES_CEL_FUNCS] });

/** An evaluation error, worded as cel-go words the common ones. */
export class CelEvaluationError extends Error {
  constructor(message: string) {
    super(message.replace(/^field not found: /, 'no such key: '));
  }
}

/** A parsed expression, ready to evaluate against bindings. */
export type CompiledExpression = (bindings: Record<string, unknown>) => unknown;

/** Parses an expression; throws an Error with the parser's message when it is malformed. */
export function compileExpression(expression: string): CompiledExpression {
  const program = plan(env, parse(expression));
  return bindings => {
    const result: CelResult = program(bindings as Record<string, CelInput>);
    if (isCelError(result)) throw new CelEvaluationError(result.message);
    return result;
  };
}

/**
 * A JSON value as CEL sees it: integral numbers are `int`s (Kubernetes objects carry integers as
 * int64), other numbers `double`s; objects become maps.
 */
export function toCelValue(value: unknown): unknown {
  if (typeof value === 'number')
    return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(toCelValue);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) out[k] = toCelValue(v);
    }
    return out;
  }
  return value;
}

/**
 * The `variables` binding: each variable is evaluated on first use and remembered, as the API
 * server's composition does, so a variable no expression reads costs nothing and cannot fail.
 */
export class LazyVariables extends Map<string, unknown> {
  private readonly done = new Map<string, { value?: unknown; error?: Error }>();

  constructor(
    private readonly defs: Map<string, CompiledExpression>,
    private readonly bindings: () => Record<string, unknown>,
  ) {
    super();
    for (const name of defs.keys()) super.set(name, null);
  }

  get(key: string): unknown {
    const def = this.defs.get(key);
    if (!def) return undefined;
    let entry = this.done.get(key);
    if (!entry) {
      try {
        entry = { value: def(this.bindings()) };
      } catch (e) {
        entry = { error: e as Error };
      }
      this.done.set(key, entry);
    }
    if (entry.error) {
      this.failed = `composited variable "${key}" fails to evaluate: ${entry.error.message}`;
      throw new CelEvaluationError(this.failed);
    }
    return entry.value;
  }

  /** The last variable failure, which the evaluator reports instead of its own wrapping of it. */
  failed: string | undefined;
}

/** Evaluates a compiled expression; a failing variable it reads is reported as the error. */
export function evaluate(
  program: CompiledExpression,
  bindings: Record<string, unknown>,
  variables?: LazyVariables,
): unknown {
  if (variables) variables.failed = undefined;
  try {
    return program(bindings);
  } catch (e) {
    if (variables?.failed) throw new CelEvaluationError(variables.failed);
    throw e;
  }
}
