import { CustomErrorBase } from '@backstage/errors';

/**
 * An owner already has as many vClusters as its quota allows. The error middleware answers
 * with `statusCode` (429), and the message names the quota.
 * @public
 */
export class QuotaExceededError extends CustomErrorBase {
  name = 'QuotaExceededError' as const;
  readonly statusCode = 429;
}
