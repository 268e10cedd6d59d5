import { ResponseError } from '@backstage/errors';

/**
 * Turns a failed response into a `ResponseError`. Backstage's error middleware sends
 * `{ error, response }`; a bare `{ error: { message } }` is completed first so that the
 * backend's message still ends up in `cause.message` instead of inside a raw JSON string.
 */
export async function toResponseError(
  response: Response,
): Promise<ResponseError> {
  const text = await response.text().catch(() => '');
  return ResponseError.fromResponse({
    headers: response.headers,
    ok: response.ok,
    redirected: response.redirected,
    status: response.status,
    statusText: response.statusText,
    type: response.type,
    url: response.url,
    text: async () => completeErrorBody(text, response.status),
  });
}

function completeErrorBody(text: string, statusCode: number): string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return text;
  }
  if (!isRecord(body) || !isRecord(body.error) || isRecord(body.response)) {
    return text;
  }
  const { name, message } = body.error;
  if (typeof message !== 'string') return text;
  return JSON.stringify({
    ...body,
    error: { ...body.error, name: typeof name === 'string' ? name : 'Error' },
    response: { statusCode },
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The sentence to show for an error: the backend's own message when there is one.
 * @public
 */
export function describeError(error: Error): string {
  if (error.name === 'ResponseError') {
    const { cause, statusCode } = error as ResponseError;
    if (cause?.message) return `${cause.message} (HTTP ${statusCode})`;
  }
  return error.message;
}
