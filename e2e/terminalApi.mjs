// The terminal backend as the browser tests read it: with a guest token, as the page's own.
import assert from 'node:assert/strict';

export const BACKEND_URL =
  process.env.HATCHWAY_BACKEND_URL ?? 'http://localhost:7007';

/** The session as the backend reports it, with a guest token like the page's own. */
export async function backendSession(id) {
  const refresh = await fetch(`${BACKEND_URL}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  const { backstageIdentity } = await refresh.json();
  const response = await fetch(
    `${BACKEND_URL}/api/terminal/sessions/${encodeURIComponent(id)}`,
    { headers: { authorization: `Bearer ${backstageIdentity.token}` } },
  );
  assert.equal(response.status, 200, await response.clone().text());
  return response.json();
}
