import { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';

export interface RetryingDiscoveryOptions<T> {
  /** What is being fetched, for messages: "the OIDC discovery document <url>". */
  what: string;
  /** The first attempt, already under way (started where configuration errors surface). */
  first: Promise<T>;
  /** Every later attempt. */
  attempt: () => Promise<T>;
  logger: LoggerService;
  /** Delay before the first background retry; it doubles up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * A value fetched from a remote service at start (an OIDC provider's discovery document) that
 * keeps being fetched, with exponential backoff, until the service answers once; the value is
 * then kept for good. While it is missing, `get()` tries again at once (so the first sign-in
 * after the provider comes back works; at most once per initialDelayMs, so clicks do not flood a
 * struggling provider) and, if that fails too, throws a ServiceUnavailableError (HTTP 503)
 * naming the service and the cause.
 */
export class RetryingDiscovery<T> {
  private value: T | undefined;
  private inFlight: Promise<T> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;
  private lastError: Error | undefined;
  private lastFailureAt = 0;
  private stopped = false;
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(private readonly options: RetryingDiscoveryOptions<T>) {
    this.initialDelayMs = options.initialDelayMs ?? 1_000;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.track(options.first);
  }

  /** The value, fetching it now if no attempt has succeeded yet. */
  async get(): Promise<T> {
    if (this.value !== undefined) return this.value;
    const recentlyFailed =
      Date.now() - this.lastFailureAt < this.initialDelayMs;
    if (!this.inFlight && recentlyFailed) throw this.unavailable();
    const attempt = this.inFlight ?? this.attemptNow();
    try {
      return await attempt;
    } catch {
      throw this.unavailable();
    }
  }

  private unavailable() {
    return new ServiceUnavailableError(
      `Sign-in is unavailable: ${this.options.what} could not be fetched (${this.lastError?.message}); retrying`,
    );
  }

  /** Stops background retries (backend shutdown). */
  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private attemptNow(): Promise<T> {
    let attempt: Promise<T>;
    try {
      attempt = this.options.attempt();
    } catch (error) {
      attempt = Promise.reject(error);
    }
    return this.track(attempt);
  }

  private track(attempt: Promise<T>): Promise<T> {
    clearTimeout(this.timer);
    this.inFlight = attempt;
    attempt.then(
      value => {
        this.value = value;
        this.inFlight = undefined;
        if (this.failures > 0) {
          this.options.logger.info(
            `Fetched ${this.options.what} after ${this.failures} failed attempt(s)`,
          );
        }
      },
      error => {
        this.inFlight = undefined;
        this.failures += 1;
        this.lastError = error as Error;
        this.lastFailureAt = Date.now();
        const delay = Math.min(
          this.initialDelayMs * 2 ** (this.failures - 1),
          this.maxDelayMs,
        );
        this.options.logger.warn(
          `Could not fetch ${this.options.what} (attempt ${this.failures}): ${this.lastError.message}; sign-in answers 503 until it succeeds, next try in ${delay} ms`,
        );
        if (!this.stopped) {
          this.timer = setTimeout(() => {
            if (this.value === undefined && !this.inFlight) this.attemptNow();
          }, delay);
          this.timer.unref();
        }
      },
    );
    return attempt;
  }
}
