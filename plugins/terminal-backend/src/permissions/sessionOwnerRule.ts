import {
  createPermissionResourceRef,
  createPermissionRule,
  PermissionRule,
} from '@backstage/plugin-permission-node';
import { TERMINAL_SESSION_RESOURCE_TYPE } from '@hatchway/plugin-terminal-common';
import { z } from 'zod';
import { StoredSession } from '../database/types';

/** Filters sessions by owner (the rule's query form). */
export type SessionOwnerQuery = { owners: string[] };

/** The `terminal-session` resource, whose ref is the session id. */
export const sessionResourceRef = createPermissionResourceRef<
  StoredSession,
  SessionOwnerQuery
>().with({
  pluginId: 'terminal',
  resourceType: TERMINAL_SESSION_RESOURCE_TYPE,
});

type OwnerParams = { claims: string[] };

// zod v3's types through createPermissionRule's overloads are too deep for the compiler, so the
// rule is built untyped and given its PermissionRule type once.
const ownerParams: z.ZodType<OwnerParams> = z.object({
  claims: z
    .array(z.string())
    .describe("The caller's user and group entity refs"),
});

/**
 * `IS_OWNER`: the session's owner is among the caller's ownership claims. The portal's policy
 * answers `terminal.session.use` with this condition.
 */
export const isSessionOwner = createPermissionRule({
  name: 'IS_OWNER',
  description: 'Allow only the owner of the terminal session',
  resourceRef: sessionResourceRef,
  paramsSchema: ownerParams,
  apply: (session: StoredSession, { claims }: OwnerParams) =>
    claims.includes(session.owner),
  toQuery: ({ claims }: OwnerParams) => ({ owners: claims }),
} as any) as unknown as PermissionRule<
  StoredSession,
  SessionOwnerQuery,
  typeof TERMINAL_SESSION_RESOURCE_TYPE,
  OwnerParams
>;
