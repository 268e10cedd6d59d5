import {
  ApiException,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';

/** The field manager of everything Hatchway applies or patches. @public */
export const FIELD_MANAGER = 'hatchway';

/** Request options sending the body as a JSON merge patch (RFC 7386: `null` deletes a key). */
export const MERGE_PATCH = setHeaderOptions(
  'Content-Type',
  PatchStrategy.MergePatch,
);

/** Whether a client-node call failed because the object does not exist. */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiException && error.code === 404;
}

/** Resolves to undefined when the request fails with 404; other failures pass through. */
export async function unlessNotFound<T>(
  request: Promise<T>,
): Promise<T | undefined> {
  try {
    return await request;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}
