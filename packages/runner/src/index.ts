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
