export interface Config {
  auth?: {
    providers?: {
      /**
       * Sign-in behind oauth2-proxy (app-config.oauth2-proxy.yaml): the backend trusts the
       * X-Forwarded-* headers oauth2-proxy sets, so only use it when every request passes through
       * oauth2-proxy. (Declared here: the provider module ships no config schema.)
       */
      oauth2Proxy?: {
        signIn?: {
          /**
           * Tried in order: `emailMatchingUserEntityProfileEmail`,
           * `emailLocalPartMatchingUserEntityName`, `forwardedUserMatchingUserEntityName`,
           * `forwardedPreferredUsernameMatchingUserEntityName`.
           */
          resolvers: Array<{
            resolver: string;
            allowedDomains?: string[];
            dangerouslyAllowSignInWithoutUserInCatalog?: boolean;
          }>;
        };
      };
    };
  };
  hatchway?: {
    permission?: {
      /**
       * Entity refs of the Groups whose members may see and act on every Hatchway resource
       * (every vCluster, every terminal session), whoever owns it, and hold the `*.admin`
       * permissions. E.g. `group:default/platform`. Default: none.
       */
      adminGroups?: string[];
    };
  };
}
