import {
  coreServices,
  createBackendModule,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  oidcAuthenticator,
  oidcSignInResolvers,
} from '@backstage/plugin-auth-backend-module-oidc-provider';
import {
  authProvidersExtensionPoint,
  createOAuthAuthenticator,
  createOAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import { RetryingDiscovery } from './RetryingDiscovery';

type OidcContext = ReturnType<typeof oidcAuthenticator.initialize>;

/**
 * Backstage's OIDC authenticator, with its discovery retried. Upstream fetches the provider's
 * discovery document once, when the backend starts; if the provider is down then, that one
 * rejected promise answers every sign-in (HTTP 500, the connection error) until the portal is
 * restarted. Here a failed discovery is retried with backoff, and on each sign-in request while
 * it is missing; meanwhile sign-in answers 503.
 */
function createRetryingOidcAuthenticator(
  logger: LoggerService,
  onDiscovery: (discovery: RetryingDiscovery<OidcContext>) => void = () => {},
) {
  return createOAuthAuthenticator({
    defaultProfileTransform: oidcAuthenticator.defaultProfileTransform,
    scopes: oidcAuthenticator.scopes,
    initialize(input) {
      // The first call throws here on bad configuration, so the backend refuses to start.
      const first = oidcAuthenticator.initialize(input);
      const ready = async (ctx: OidcContext) => {
        await ctx.promise;
        return ctx;
      };
      const discovery = new RetryingDiscovery<OidcContext>({
        what: `the OIDC discovery document ${input.config.getString(
          'metadataUrl',
        )}`,
        first: ready(first),
        attempt: () => ready(oidcAuthenticator.initialize(input)),
        logger,
      });
      onDiscovery(discovery);
      return discovery;
    },
    async start(input, discovery) {
      return oidcAuthenticator.start(input, await discovery.get());
    },
    async authenticate(input, discovery) {
      return oidcAuthenticator.authenticate(input, await discovery.get());
    },
    async refresh(input, discovery) {
      return oidcAuthenticator.refresh(input, await discovery.get());
    },
    async logout(input, discovery) {
      await oidcAuthenticator.logout?.(input, await discovery.get());
    },
  });
}

/**
 * The `oidc` sign-in provider (replaces @backstage/plugin-auth-backend-module-oidc-provider's
 * module, same config and sign-in resolvers), tolerant of a provider that is down at start.
 */
export const authModuleOidcProviderWithRetry = createBackendModule({
  pluginId: 'auth',
  moduleId: 'oidc-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
      },
      async init({ providers, logger, lifecycle }) {
        const discoveries: RetryingDiscovery<OidcContext>[] = [];
        lifecycle.addShutdownHook(() => discoveries.forEach(d => d.stop()));
        providers.registerProvider({
          providerId: 'oidc',
          factory: createOAuthProviderFactory({
            authenticator: createRetryingOidcAuthenticator(logger, d =>
              discoveries.push(d),
            ),
            signInResolverFactories: { ...oidcSignInResolvers },
          }),
        });
      },
    });
  },
});
