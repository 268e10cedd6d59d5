import { CustomErrorBase } from '@backstage/errors';

/** The caller already has as many live sessions as allowed (429). */
export class SessionLimitError extends CustomErrorBase {
  name = 'SessionLimitError';
  readonly statusCode = 429;
}

/** Every session slot is taken (503); retry after a while. */
export class SessionCapacityError extends CustomErrorBase {
  name = 'SessionCapacityError';
  readonly statusCode = 503;
  readonly retryAfterSeconds = 30;
}
