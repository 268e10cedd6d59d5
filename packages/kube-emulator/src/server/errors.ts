/**
 * metav1.Status errors, worded exactly as the real API server words them so that clients
 * matching on reason, code or message behave the same against the emulator.
 */

/** A field-level validation error (apimachinery field.Error). */
export interface FieldError {
  type:
    | 'FieldValueRequired'
    | 'FieldValueInvalid'
    | 'FieldValueDuplicate'
    | 'FieldValueNotSupported'
    | 'FieldValueForbidden'
    | 'FieldValueTooLong';
  field: string;
  /** Rendered like Go's field.Error.Error() without the field prefix. */
  detail: string;
}

/** Details of a Status. */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: Array<{ reason?: string; message?: string; field?: string }>;
  retryAfterSeconds?: number;
}

/** A failed request, carried to the HTTP layer as a `Status` body. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
    readonly extraMetadata?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }

  /** The JSON `Status` object. */
  toStatus(): Record<string, unknown> {
    const status: Record<string, unknown> = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: this.extraMetadata ?? {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
    };
    if (this.details) status.details = this.details;
    status.code = this.code;
    return status;
  }
}

/** Identifies a resource in messages: `pods`, `deployments.apps`. */
export interface GroupResource {
  group: string;
  resource: string;
}

function qualified(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

function detailsFor(gr: GroupResource, name?: string): StatusDetails {
  const d: StatusDetails = {};
  if (name !== undefined && name !== '') d.name = name;
  if (gr.group) d.group = gr.group;
  d.kind = gr.resource;
  return d;
}

export function notFound(gr: GroupResource, name: string): ApiError {
  return new ApiError(
    404,
    'NotFound',
    `${qualified(gr)} "${name}" not found`,
    detailsFor(gr, name),
  );
}

export function alreadyExists(gr: GroupResource, name: string): ApiError {
  return new ApiError(
    409,
    'AlreadyExists',
    `${qualified(gr)} "${name}" already exists`,
    detailsFor(gr, name),
  );
}

/** 409 Conflict; the default detail is the optimistic-concurrency message. */
export function conflict(
  gr: GroupResource,
  name: string,
  detail?: string,
): ApiError {
  const why =
    detail ??
    'the object has been modified; please apply your changes to the latest version and try again';
  return new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualified(gr)} "${name}": ${why}`,
    detailsFor(gr, name),
  );
}

/** 422 Invalid, listing field errors like `Pod "x" is invalid: [a: Required value, b: ...]`. */
export function invalid(
  group: string,
  kind: string,
  name: string,
  errors: FieldError[],
): ApiError {
  const qualifiedKind = group ? `${kind}.${group}` : kind;
  const rendered = errors.map(e => `${e.field}: ${e.detail}`);
  const summary =
    rendered.length === 1 ? rendered[0] : `[${rendered.join(', ')}]`;
  const d: StatusDetails = { name, ...(group ? { group } : {}), kind };
  d.causes = errors.map(e => ({
    reason: e.type,
    message: e.detail,
    field: e.field,
  }));
  return new ApiError(
    422,
    'Invalid',
    `${qualifiedKind} "${name}" is invalid: ${summary}`,
    d,
  );
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

/** 403 Forbidden as the authorizer or an admission plugin reports it. */
export function forbidden(
  gr: GroupResource,
  name: string,
  reason: string,
  causes?: StatusDetails['causes'],
): ApiError {
  const prefix = name
    ? `${qualified(gr)} "${name}" is forbidden`
    : `${qualified(gr)} is forbidden`;
  const d = detailsFor(gr, name);
  if (causes) d.causes = causes;
  return new ApiError(403, 'Forbidden', `${prefix}: ${reason}`, d);
}

export function unauthorized(): ApiError {
  return new ApiError(401, 'Unauthorized', 'Unauthorized');
}

export function methodNotAllowed(): ApiError {
  return new ApiError(
    405,
    'MethodNotAllowed',
    'the server does not allow this method on the requested resource',
    {},
  );
}

/** 404 for a path or resource the server does not serve. */
export function resourceNotServed(): ApiError {
  return new ApiError(
    404,
    'NotFound',
    'the server could not find the requested resource',
    {},
  );
}

export function tooLarge(limit: number): ApiError {
  return new ApiError(
    413,
    'RequestEntityTooLarge',
    `Request entity too large: limit is ${limit}`,
  );
}

export function unsupportedMediaType(
  contentType: string,
  accepted: string[],
): ApiError {
  return new ApiError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(
      ', ',
    )}`,
    { causes: [{ reason: 'UnsupportedMediaType', message: contentType }] },
  );
}

/** 410 Expired (watch too old, continue token too old). */
export function expired(
  message: string,
  metadata?: Record<string, unknown>,
): ApiError {
  return new ApiError(410, 'Expired', message, undefined, metadata);
}

export function internalError(message: string): ApiError {
  return new ApiError(
    500,
    'InternalError',
    `Internal error occurred: ${message}`,
    {
      causes: [{ message }],
    },
  );
}

export function serviceUnavailable(
  message: string,
  retryAfterSeconds?: number,
): ApiError {
  return new ApiError(
    503,
    'ServiceUnavailable',
    message,
    retryAfterSeconds ? { retryAfterSeconds } : undefined,
    undefined,
    retryAfterSeconds
      ? { 'Retry-After': String(retryAfterSeconds) }
      : undefined,
  );
}

export function tooManyRequests(
  retryAfterSeconds: number,
  message?: string,
): ApiError {
  return new ApiError(
    429,
    'TooManyRequests',
    message ?? 'Too many requests, please try again later.',
    { retryAfterSeconds },
    undefined,
    { 'Retry-After': String(retryAfterSeconds) },
  );
}

// Field error constructors, rendered like apimachinery's field.Error.

export function required(field: string, detail = ''): FieldError {
  return {
    type: 'FieldValueRequired',
    field,
    detail: detail ? `Required value: ${detail}` : 'Required value',
  };
}

export function invalidValue(
  field: string,
  value: string,
  detail: string,
): FieldError {
  return {
    type: 'FieldValueInvalid',
    field,
    detail: `Invalid value: ${value}: ${detail}`,
  };
}

export function duplicate(field: string, value: string): FieldError {
  return {
    type: 'FieldValueDuplicate',
    field,
    detail: `Duplicate value: ${value}`,
  };
}

export function notSupported(
  field: string,
  value: string,
  supported: string[],
): FieldError {
  const list = supported.map(s => JSON.stringify(s)).join(', ');
  return {
    type: 'FieldValueNotSupported',
    field,
    detail: `Unsupported value: ${value}: supported values: ${list}`,
  };
}

export function forbiddenField(field: string, detail: string): FieldError {
  return { type: 'FieldValueForbidden', field, detail: `Forbidden: ${detail}` };
}

export function tooLong(field: string, max: number): FieldError {
  return {
    type: 'FieldValueTooLong',
    field,
    detail: `Too long: may not be more than ${max} bytes`,
  };
}
