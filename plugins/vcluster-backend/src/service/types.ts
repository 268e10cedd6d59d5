import { BackstageCredentials } from '@backstage/backend-plugin-api';

/** The backend's clock; tests and the housekeeping share one. @internal */
export type Clock = () => Date;

/** The actor of the backend's own actions (TTL expiry, idle sleep) in the audit log. */
export const SYSTEM_ACTOR = 'system:vcluster';

/** Who acted, as the audit log records it. */
export function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user') return principal.userEntityRef!;
  if (principal.type === 'service') return `service:${principal.subject}`;
  return principal.type;
}

/** Asks the reconciler to look at one vCluster soon. @internal */
export type EnqueueReconcile = (name: string) => void;
