import { isTerminalApiError } from './TerminalApiError';

/**
 * The sentence to show for a failed terminal request: advice for the failures a user can act
 * on (their own cap, a full cluster, a bad profile), else the backend's own message.
 * @public
 */
export function describeTerminalError(error: Error): string {
  if (!isTerminalApiError(error)) return error.message;
  switch (error.kind) {
    case 'user-limit':
      return `You have reached your limit of open sessions: end one you no longer need, then try again. (${error.message})`;
    case 'capacity': {
      const wait = error.retryAfterSeconds
        ? ` Try again in ${formatWait(error.retryAfterSeconds)}.`
        : ' Try again in a few minutes.';
      return `The cluster is running as many sessions as it can right now.${wait} (${error.message})`;
    }
    case 'invalid':
      return `The request was refused: ${error.message}`;
    case 'forbidden':
      return `You are not allowed to do this: ${error.message}`;
    case 'not-found':
      return `Not found: ${error.message}`;
    case 'network':
      return `The terminal backend could not be reached: ${error.message}`;
    default:
      return `${error.message} (HTTP ${error.status})`;
  }
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${Math.ceil(seconds)} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
