import { toResponseError } from '../api/responseError';

/**
 * The error the client rejects with when the backend answers `status` with this JSON body, made
 * by the client's own mapping: `{ error: { message } }` is the backend's error shape.
 */
export function backendError(
  status: number,
  body: { error: { name?: string; message: string } } & Record<string, unknown>,
) {
  return toResponseError(
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    }),
  );
}
