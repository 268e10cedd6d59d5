/** An error as one line, with the API server's own message when it sent a Status. */
export function describeError(error: unknown): string {
  const e = error as { code?: number; body?: unknown; message?: string };
  let body = e.body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      // Not JSON: keep the text.
    }
  }
  const status = (body as { message?: string } | undefined)?.message;
  const code = typeof e.code === 'number' ? `HTTP ${e.code}: ` : '';
  return status ? `${code}${status}` : `${code}${e.message ?? String(error)}`;
}
