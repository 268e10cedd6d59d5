import { isError, ResponseError } from '@backstage/errors';

/**
 * The sentence a template author should see in the task log: the vCluster backend's own message
 * (the 400 reason, the quota that was exceeded, the name that is taken) rather than
 * "Request failed with 429 Too Many Requests".
 */
export function describeFailure(error: unknown): string {
  if (isError(error) && error.name === 'ResponseError') {
    const { cause, statusCode } = error as unknown as ResponseError;
    if (cause?.message) return `${cause.message} (HTTP ${statusCode})`;
  }
  return isError(error) ? error.message : String(error);
}

/** Whether a client call failed with this HTTP status. */
export function hasStatus(error: unknown, status: number): boolean {
  return (
    isError(error) &&
    error.name === 'ResponseError' &&
    (error as unknown as ResponseError).statusCode === status
  );
}

/** Runs a backend call and rethrows its failure with the backend's message. */
export async function withBackendMessage<T>(
  what: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new Error(`${what}: ${describeFailure(error)}`);
  }
}
