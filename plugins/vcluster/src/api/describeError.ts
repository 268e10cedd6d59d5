import type { ResponseError } from '@backstage/errors';

/**
 * The sentence to show for a failed call: the backend's own message (the invalid field, the
 * quota that was exceeded, the name that is taken) rather than "Request failed with 429".
 */
export function describeError(error: Error): string {
  if (error.name === 'ResponseError') {
    const { cause } = error as ResponseError;
    if (cause?.message) return cause.message;
  }
  return error.message;
}
