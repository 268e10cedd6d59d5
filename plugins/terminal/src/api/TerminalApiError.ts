/**
 * What kind of failure a terminal request met, from its HTTP status. The page words its
 * message by kind: a user at their session cap needs different advice than a full cluster.
 * @public
 */
export type TerminalErrorKind =
  | 'invalid' // 400: e.g. an unknown profile
  | 'unauthorized' // 401
  | 'forbidden' // 403
  | 'not-found' // 404
  | 'conflict' // 409: e.g. no ticket before the session is Ready
  | 'user-limit' // 429: the caller's own session cap
  | 'capacity' // 503: the cluster-wide cap, with Retry-After
  | 'server' // any other failure status
  | 'network'; // no answer at all

/**
 * A failed terminal API request: the backend's own `{error:{name,message}}` plus the status.
 * @public
 */
export class TerminalApiError extends Error {
  readonly name = 'TerminalApiError';
  readonly kind: TerminalErrorKind;
  /** 0 when no response arrived. */
  readonly status: number;
  /** The backend's error name, e.g. `InputError`. */
  readonly errorName?: string;
  /** Seconds to wait before trying again, from `Retry-After`. */
  readonly retryAfterSeconds?: number;

  constructor(options: {
    message: string;
    status: number;
    errorName?: string;
    retryAfterSeconds?: number;
  }) {
    super(options.message);
    this.status = options.status;
    this.kind = kindOf(options.status);
    this.errorName = options.errorName;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** Reads a failed response's JSON error body, falling back to the status text. */
  static async fromResponse(response: Response): Promise<TerminalApiError> {
    const text = await response.text().catch(() => '');
    let name: string | undefined;
    let message = '';
    try {
      const body = JSON.parse(text);
      name = typeof body?.error?.name === 'string' ? body.error.name : name;
      message =
        typeof body?.error?.message === 'string' ? body.error.message : '';
    } catch {
      // Not JSON (a proxy's HTML page, say): the status text says enough.
    }
    const retryAfter = Number(response.headers.get('retry-after'));
    return new TerminalApiError({
      message:
        message ||
        `Request failed with ${response.status} ${response.statusText}`.trim(),
      status: response.status,
      errorName: name,
      retryAfterSeconds:
        Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    });
  }
}

function kindOf(status: number): TerminalErrorKind {
  switch (status) {
    case 0:
      return 'network';
    case 400:
      return 'invalid';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not-found';
    case 409:
      return 'conflict';
    case 429:
      return 'user-limit';
    case 503:
      return 'capacity';
    default:
      return 'server';
  }
}

/** Whether an error is a terminal API error of the given kind. @public */
export function isTerminalApiError(
  error: unknown,
  kind?: TerminalErrorKind,
): error is TerminalApiError {
  return (
    error instanceof TerminalApiError &&
    (kind === undefined || error.kind === kind)
  );
}
