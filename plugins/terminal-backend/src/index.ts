/**
 * Hatchway's session terminals backend: runner Jobs, the session store, tickets and JWKS.
 *
 * @packageDocumentation
 */
export { terminalPlugin as default } from './plugin';
