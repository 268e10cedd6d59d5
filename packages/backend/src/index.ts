/*
 * The Hatchway portal backend: Backstage's catalog, scaffolder, Kubernetes and permission plugins,
 * sign-in (OIDC or oauth2-proxy in production, guest locally), and the Hatchway plugins.
 */
import { createBackend } from '@backstage/backend-defaults';
import { hatchwayBackendFeatures } from './features';

const backend = createBackend();
for (const feature of hatchwayBackendFeatures) {
  backend.add(feature);
}
backend.start();
