import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';

/** Request options making a typed `patch…` call send a JSON merge patch. */
export const MERGE_PATCH = setHeaderOptions(
  'Content-Type',
  PatchStrategy.MergePatch,
);

/** HTTP status of a failed client-node call (ApiException.code), if it got an answer. */
export function statusCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'number' ? code : undefined;
}

/** Resolves undefined instead of failing when the object is already gone. */
export async function ignoreNotFound<T>(
  call: Promise<T>,
): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (statusCode(error) === 404) return undefined;
    throw error;
  }
}
