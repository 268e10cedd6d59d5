/**
 * Hatchway's infra readiness frontend for Backstage's new frontend system: the compliance page,
 * the entity card and tab, and the team card. Installing the package is enough: the app
 * discovers the default export.
 *
 * @packageDocumentation
 */
export { readinessPlugin as default } from './plugin';
export { readinessApiRef } from './api/ReadinessApi';
export type { ExportQuery, ReadinessApi } from './api/ReadinessApi';
export { ReadinessClient } from './api/ReadinessClient';
export { describeError } from './api/responseError';
export * from './api/types';
