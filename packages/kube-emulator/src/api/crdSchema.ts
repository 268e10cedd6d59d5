import type { Strategy } from './resourceType';
import type { KubeObject } from '../types';
import {
  FieldError,
  invalidValue,
  notSupported,
  required,
} from '../server/errors';
import { clone, goValue, isObject, JsonObject } from '../util/json';

type Schema = JsonObject;

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(schema: Schema, v: unknown): boolean {
  if (schema['x-kubernetes-int-or-string'])
    return typeof v === 'string' || Number.isInteger(v);
  switch (schema.type) {
    case undefined:
      return true;
    case 'integer':
      return Number.isInteger(v);
    case 'number':
      return typeof v === 'number';
    case 'object':
      return isObject(v);
    case 'array':
      return Array.isArray(v);
    default:
      return typeof v === schema.type;
  }
}

const UNKNOWN_KEEP = 'x-kubernetes-preserve-unknown-fields';

/**
 * Prunes unknown fields, applies defaults and validates a value against a structural schema,
 * as the apiextensions API server does for custom resources (types, required, enum, bounds, pattern).
 */
function walk(
  value: any,
  schema: Schema,
  path: string,
  errs: FieldError[],
  root = false,
): any {
  if (!isObject(schema)) return value;
  if (value === null) return schema.nullable ? null : undefined;
  if (!typeMatches(schema, value)) {
    const t = typeName(value);
    errs.push(
      invalidValue(
        path,
        JSON.stringify(t),
        `${path} in body must be of type ${schema.type}: ${JSON.stringify(t)}`,
      ),
    );
    return value;
  }
  if (
    Array.isArray(schema.enum) &&
    !schema.enum.some(
      (e: unknown) => JSON.stringify(e) === JSON.stringify(value),
    )
  ) {
    errs.push(notSupported(path, goValue(value), schema.enum.map(String)));
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) {
      errs.push(
        invalidValue(
          path,
          goValue(value),
          `${path} in body should be greater than or equal to ${schema.minimum}`,
        ),
      );
    }
    if (typeof schema.maximum === 'number' && value > schema.maximum) {
      errs.push(
        invalidValue(
          path,
          goValue(value),
          `${path} in body should be less than or equal to ${schema.maximum}`,
        ),
      );
    }
  }
  if (typeof value === 'string') {
    if (
      typeof schema.pattern === 'string' &&
      !new RegExp(schema.pattern, 'u').test(value)
    ) {
      errs.push(
        invalidValue(
          path,
          goValue(value),
          `${path} in body should match '${schema.pattern}'`,
        ),
      );
    }
    if (
      typeof schema.maxLength === 'number' &&
      value.length > schema.maxLength
    ) {
      errs.push({
        type: 'FieldValueTooLong',
        field: path,
        detail: `Too long: may not be more than ${schema.maxLength} bytes`,
      });
    }
    if (
      typeof schema.minLength === 'number' &&
      value.length < schema.minLength
    ) {
      errs.push(
        invalidValue(
          path,
          goValue(value),
          `${path} in body should be at least ${schema.minLength} chars long`,
        ),
      );
    }
  }
  if (Array.isArray(value)) {
    if (isObject(schema.items))
      return value.map((item, i) =>
        walk(item, schema.items, `${path}[${i}]`, errs),
      );
    return value;
  }
  if (!isObject(value)) return value;
  const props: Record<string, Schema> = isObject(schema.properties)
    ? schema.properties
    : {};
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    const child = path ? `${path}.${k}` : k;
    if (root && (k === 'apiVersion' || k === 'kind' || k === 'metadata'))
      out[k] = v;
    else if (props[k]) {
      const r = walk(v, props[k], child, errs);
      if (r !== undefined) out[k] = r;
    } else if (isObject(schema.additionalProperties)) {
      const r = walk(v, schema.additionalProperties, child, errs);
      if (r !== undefined) out[k] = r;
    } else if (
      schema[UNKNOWN_KEEP] ||
      schema.additionalProperties === true ||
      schema['x-kubernetes-embedded-resource']
    ) {
      out[k] = v;
    }
  }
  for (const [k, s] of Object.entries(props)) {
    if (out[k] === undefined && isObject(s) && s.default !== undefined)
      out[k] = clone(s.default);
  }
  for (const k of Array.isArray(schema.required) ? schema.required : []) {
    if (out[k] === undefined) errs.push(required(path ? `${path}.${k}` : k));
  }
  return out;
}

/** The strategy of a custom resource: schema pruning, defaulting and validation per served version. */
export function customResourceStrategy(
  schemas: Map<string, unknown>,
): Strategy {
  const schemaFor = (obj: KubeObject): Schema | undefined => {
    const version =
      String(obj.apiVersion ?? '')
        .split('/')
        .pop() ?? '';
    const s = schemas.get(version);
    return isObject(s) ? s : undefined;
  };
  const pending = new WeakMap<KubeObject, FieldError[]>();
  return {
    defaults(obj) {
      const schema = schemaFor(obj);
      if (!schema) return;
      const errs: FieldError[] = [];
      const pruned = walk(obj, schema, '', errs, true);
      for (const k of Object.keys(obj)) if (!(k in pruned)) delete obj[k];
      Object.assign(obj, pruned);
      pending.set(obj, errs);
    },
    validate(obj) {
      const errs = pending.get(obj) ?? [];
      pending.delete(obj);
      return errs;
    },
  };
}
