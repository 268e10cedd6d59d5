/*
 * The Hatchway portal backend: Backstage's catalog, scaffolder, Kubernetes and permission plugins,
 * guest sign-in for local use, and the Hatchway plugins as they land.
 */
import { createBackend } from '@backstage/backend-defaults';
import { hatchwayBackendFeatures } from './features';

const backend = createBackend();
for (const feature of hatchwayBackendFeatures) {
  backend.add(feature);
}
backend.start();
