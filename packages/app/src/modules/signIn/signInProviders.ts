import { ConfigApi } from '@backstage/frontend-plugin-api';

/** The sign-in methods the sign-in page can offer; each matches a backend auth provider id. */
export type SignInProviderId = 'guest' | 'oidc' | 'oauth2Proxy';

const KNOWN: ReadonlySet<string> = new Set(['guest', 'oidc', 'oauth2Proxy']);

/**
 * Which sign-in methods to offer, from `hatchway.signIn.providers`: guest when unset (local use,
 * app-config.yaml), `[oidc]` in app-config.production.yaml, `[oauth2Proxy]` with
 * app-config.oauth2-proxy.yaml. Unknown ids are ignored.
 *
 * (A list of its own, not the keys of `auth.providers`: a config layer removes a provider with
 * `null`, and nulls do not reach the browser, so the frontend would still see the removed one.)
 */
export function signInProvidersFromConfig(
  config: ConfigApi,
): SignInProviderId[] {
  const configured = config.getOptionalStringArray('hatchway.signIn.providers');
  if (!configured) {
    return ['guest'];
  }
  return configured.filter((id): id is SignInProviderId => KNOWN.has(id));
}
