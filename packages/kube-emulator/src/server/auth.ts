import type { UserInfo } from '../types';
import { unauthorized } from './errors';

/** The identity a request runs as. */
export interface AuthenticatedUser {
  username: string;
  groups: string[];
}

/** Members of this group bypass authorization, as on a real cluster. */
export const SUPERUSER_GROUP = 'system:masters';

export const ANONYMOUS: AuthenticatedUser = {
  username: 'system:anonymous',
  groups: ['system:unauthenticated'],
};

/** Completes a user's groups the way the token authenticators do (ServiceAccount and authenticated groups). */
export function normalizeUser(info: UserInfo): AuthenticatedUser {
  const groups = new Set(info.groups ?? []);
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(info.username);
  if (sa) {
    groups.add('system:serviceaccounts');
    groups.add(`system:serviceaccounts:${sa[1]}`);
  }
  groups.add('system:authenticated');
  return { username: info.username, groups: [...groups] };
}

/** Bearer-token authentication against a static token table plus tokens issued at run time. */
export class Authenticator {
  private readonly tokens = new Map<string, AuthenticatedUser>();

  constructor(
    tokens: Iterable<[string, UserInfo]>,
    private readonly anonymous: boolean,
  ) {
    for (const [token, info] of tokens) this.add(token, info);
  }

  /** Registers a token (TokenRequest, service-account-token Secrets). */
  add(token: string, info: UserInfo): void {
    this.tokens.set(token, normalizeUser(info));
  }

  /** The first token of a user, for writing kubeconfigs. */
  tokenFor(username: string): string | undefined {
    for (const [t, u] of this.tokens) if (u.username === username) return t;
    return undefined;
  }

  /** Resolves the Authorization header; throws 401 for a missing (unless anonymous is allowed) or unknown token. */
  authenticate(header: string | undefined): AuthenticatedUser {
    if (!header) {
      if (this.anonymous) return ANONYMOUS;
      throw unauthorized();
    }
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const user = m ? this.tokens.get(m[1]) : undefined;
    if (!user) throw unauthorized();
    return user;
  }
}
