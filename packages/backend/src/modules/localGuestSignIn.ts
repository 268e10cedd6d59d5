import {
  coreServices,
  createBackendFeatureLoader,
} from '@backstage/backend-plugin-api';
import guestProvider from '@backstage/plugin-auth-backend-module-guest-provider';

/**
 * Guest sign-in, for local use only: installed when `auth.providers.guest` is configured
 * (app-config.yaml) and left out when it is not. app-config.production.yaml sets it to null, so a
 * production backend has no guest provider at all and `/api/auth/guest/*` answers 404. (The
 * guest module itself cannot be installed without its config: it reads it at start.)
 */
export const localGuestSignIn = createBackendFeatureLoader({
  deps: { config: coreServices.rootConfig },
  *loader({ config }) {
    if (config.has('auth.providers.guest')) {
      yield guestProvider;
    }
  },
});
