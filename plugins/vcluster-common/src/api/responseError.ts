import { ResponseError } from '@backstage/errors';

/**
 * Turns a failed response into a `ResponseError`. Backstage's error middleware sends
 * `{ error, response }`; a bare `{ error: { name, message } }` (from a proxy or another server)
 * is completed first so the backend's message still lands in `cause.message`.
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
