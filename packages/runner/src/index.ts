/**
 * Hatchway's session runner: the dev runner that speaks ttyd's protocol for local use and tests.
 *
 * @packageDocumentation
 */
export { startDevRunner } from './devRunner/startDevRunner';
export type {
  DevRunnerOptions,
  RunningDevRunner,
} from './devRunner/startDevRunner';
export type { DevRunnerLogger } from './devRunner/types';
export { parseDevRunnerArgs, DevRunnerUsageError } from './cliArgs';
export { installBundleFromEnv } from './bundle/installBundle';
export type { InstallBundleOptions } from './bundle/installBundle';
export { readBundleSource, BundleError } from './bundle/bundleConfig';
export type { BundleSource } from './bundle/bundleConfig';
