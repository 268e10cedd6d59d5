/** The bounds of the reconnect delays. */
export interface BackoffOptions {
  /** The cap of the first delay, in milliseconds. */
  initialMs: number;
  /** The cap no delay exceeds, in milliseconds. */
  maxMs: number;
}

/** 0.5 s, doubling up to 10 s. */
export const DEFAULT_BACKOFF: BackoffOptions = {
  initialMs: 500,
  maxMs: 10_000,
};

/**
 * The delay before reconnect attempt `attempt` (1-based): exponential backoff with full jitter
 * (a uniformly random delay up to the exponential cap), so that every browser a gateway
 * restart disconnected does not come back in the same instant.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const cap = Math.min(
    options.maxMs,
    options.initialMs * 2 ** Math.max(0, attempt - 1),
  );
  return Math.round(random() * cap);
}
