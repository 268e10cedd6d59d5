export interface Config {
  hatchway?: {
    signIn?: {
      /**
       * The sign-in methods the sign-in page offers, each the id of a backend auth provider:
       * `guest` (local use only; the backend refuses it in production), `oidc` (the
       * organisation's OpenID Connect issuer, `auth.providers.oidc`) or `oauth2Proxy` (the portal
       * behind oauth2-proxy, no choice shown). Default: `[guest]`.
       * @visibility frontend
       */
      providers?: Array<'guest' | 'oidc' | 'oauth2Proxy'>;
    };
  };
}
