/**
 * Hatchway's vCluster frontend for Backstage's new frontend system: the `/vclusters` page, the
 * vCluster entity tab and the owner card. Installing the package is enough: the app discovers
 * the default export.
 *
 * @packageDocumentation
 */
export { vclusterPlugin as default } from './plugin';
export { vclusterApiRef } from './api/VClusterApi';
export type { VClusterApi } from './api/VClusterApi';
