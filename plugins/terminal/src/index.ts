/**
 * Hatchway's session terminals for Backstage's new frontend system: the `/terminal` page, the
 * browser shell (xterm.js speaking ttyd's protocol through the gateway) and the vCluster
 * "Shell" tab. Installing the package is enough: the app discovers the default export.
 *
 * @packageDocumentation
 */
export { terminalPlugin as default } from './plugin';
export { terminalApiRef } from './api/TerminalApi';
export type { TerminalApi } from './api/TerminalApi';
export { TerminalClient } from './api/TerminalClient';
export { TerminalApiError, isTerminalApiError } from './api/TerminalApiError';
export type { TerminalErrorKind } from './api/TerminalApiError';
export { describeTerminalError } from './api/describeTerminalError';
