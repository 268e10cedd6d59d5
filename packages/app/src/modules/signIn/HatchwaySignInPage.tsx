import {
  ProxiedSignInPage,
  SignInPage,
  SignInProviderConfig,
} from '@backstage/core-components';
import { SignInPageProps } from '@backstage/core-plugin-api';
import { configApiRef, useApi } from '@backstage/frontend-plugin-api';
import { oidcAuthApiRef } from './oidcAuthApi';
import { signInProvidersFromConfig } from './signInProviders';

const oidcProvider: SignInProviderConfig = {
  id: 'oidc-auth-provider',
  title: 'Single sign-on',
  message: "Sign in with your organisation's account",
  apiRef: oidcAuthApiRef,
};

/**
 * The portal's sign-in page: the methods `hatchway.signIn.providers` lists — guest locally, the
 * organisation's OIDC sign-in in production. Behind oauth2-proxy there is nothing to choose: the
 * proxy has signed the person in, and the page picks that identity up.
 */
export function HatchwaySignInPage(props: SignInPageProps) {
  const providers = signInProvidersFromConfig(useApi(configApiRef));
  if (providers.includes('oauth2Proxy')) {
    return <ProxiedSignInPage {...props} provider="oauth2Proxy" />;
  }
  return (
    <SignInPage
      {...props}
      title="Sign in to Hatchway"
      align="center"
      providers={providers.map(id => (id === 'oidc' ? oidcProvider : 'guest'))}
    />
  );
}
