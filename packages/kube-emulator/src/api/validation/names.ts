import { FieldError, invalidValue, required } from '../../server/errors';
import type { NameRule } from '../resourceType';
import { goValue } from '../../util/json';

const LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const SUBDOMAIN = `${LABEL}(\\.${LABEL})*`;
const DNS1035 = '[a-z]([-a-z0-9]*[a-z0-9])?';
const LABEL_RE = new RegExp(`^${LABEL}$`);
const SUBDOMAIN_RE = new RegExp(`^${SUBDOMAIN}$`);
const DNS1035_RE = new RegExp(`^${DNS1035}$`);

// Messages as apimachinery's validation package words them.
const SUBDOMAIN_MSG = `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '${SUBDOMAIN}')`;
const LABEL_MSG = `a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '${LABEL}')`;
const DNS1035_MSG = `a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '${DNS1035}')`;

/** Problems with a DNS-1123 subdomain (empty list when valid). */
export function subdomainErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push('must be no more than 253 characters');
  if (!SUBDOMAIN_RE.test(value)) errs.push(SUBDOMAIN_MSG);
  return errs;
}

/** Problems with a DNS-1123 label. */
export function labelErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push('must be no more than 63 characters');
  if (!LABEL_RE.test(value)) errs.push(LABEL_MSG);
  return errs;
}

/** Problems with a DNS-1035 label (services). */
export function dns1035Errors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push('must be no more than 63 characters');
  if (!DNS1035_RE.test(value)) errs.push(DNS1035_MSG);
  return errs;
}

function pathSegmentErrors(value: string): string[] {
  if (value === '.' || value === '..') return [`may not be '${value}'`];
  for (const bad of ['/', '%'])
    if (value.includes(bad)) return [`may not contain '${bad}'`];
  return [];
}

function ruleErrors(rule: NameRule, value: string): string[] {
  switch (rule) {
    case 'label':
      return labelErrors(value);
    case 'dns1035':
      return dns1035Errors(value);
    case 'path':
      return pathSegmentErrors(value);
    default:
      return subdomainErrors(value);
  }
}

/** Validates metadata.name / generateName / namespace as ValidateObjectMeta does. */
export function validateObjectName(
  rule: NameRule,
  meta: { name?: string; generateName?: string; namespace?: string },
  namespaced: boolean,
): FieldError[] {
  const errs: FieldError[] = [];
  if (!meta.name) {
    if (!meta.generateName)
      errs.push(required('metadata.name', 'name or generateName is required'));
  } else {
    for (const msg of ruleErrors(rule, meta.name))
      errs.push(invalidValue('metadata.name', goValue(meta.name), msg));
  }
  if (namespaced && meta.namespace) {
    for (const msg of labelErrors(meta.namespace))
      errs.push(
        invalidValue('metadata.namespace', goValue(meta.namespace), msg),
      );
  }
  return errs;
}

const QUALIFIED_NAME = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QUALIFIED_RE = new RegExp(`^${QUALIFIED_NAME}$`);
const LABEL_VALUE_RE = new RegExp(`^(${QUALIFIED_NAME})?$`);
const QUALIFIED_MSG = `name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '${QUALIFIED_NAME}')`;
const LABEL_VALUE_MSG = `a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(${QUALIFIED_NAME})?')`;

/** Problems with a qualified name (label/annotation key): `[prefix/]name`. */
export function qualifiedNameErrors(key: string): string[] {
  const parts = key.split('/');
  let name = key;
  const errs: string[] = [];
  if (parts.length === 2) {
    const [prefix, rest] = parts;
    if (!prefix) errs.push('prefix part must be non-empty');
    else for (const m of subdomainErrors(prefix)) errs.push(`prefix part ${m}`);
    name = rest;
  } else if (parts.length > 2) {
    return [
      `a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '${QUALIFIED_NAME}') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (!name) errs.push('name part must be non-empty');
  else if (name.length > 63)
    errs.push('name part must be no more than 63 characters');
  else if (!QUALIFIED_RE.test(name)) errs.push(QUALIFIED_MSG);
  return errs;
}

/** Problems with a label value. */
export function labelValueErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push('must be no more than 63 characters');
  if (!LABEL_VALUE_RE.test(value)) errs.push(LABEL_VALUE_MSG);
  return errs;
}

/** Validates metadata.labels and annotation keys. */
export function validateLabelsAndAnnotations(meta: {
  labels?: unknown;
  annotations?: unknown;
}): FieldError[] {
  const errs: FieldError[] = [];
  const labels = meta.labels as Record<string, unknown> | undefined;
  if (labels && typeof labels === 'object') {
    for (const [k, v] of Object.entries(labels)) {
      for (const m of qualifiedNameErrors(k))
        errs.push(invalidValue('metadata.labels', goValue(k), m));
      if (typeof v !== 'string')
        errs.push(
          invalidValue(`metadata.labels`, goValue(v), 'must be a string'),
        );
      else
        for (const m of labelValueErrors(v))
          errs.push(invalidValue('metadata.labels', goValue(v), m));
    }
  }
  const annotations = meta.annotations as Record<string, unknown> | undefined;
  if (annotations && typeof annotations === 'object') {
    for (const k of Object.keys(annotations)) {
      for (const m of qualifiedNameErrors(k))
        errs.push(invalidValue('metadata.annotations', goValue(k), m));
    }
  }
  return errs;
}
