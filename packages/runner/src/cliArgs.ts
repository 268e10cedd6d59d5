import { TTYD_PORT } from '@hatchway/plugin-terminal-common';
import type { DevRunnerOptions } from './devRunner/startDevRunner';

/** Thrown for a command line or environment the dev runner cannot start with. */
export class DevRunnerUsageError extends Error {
  readonly name = 'DevRunnerUsageError';
}

/**
 * Reads the dev runner's command line and environment with the runner image's contract:
 * `TTYD_CREDENTIAL` (required), bind `$POD_IP` (default 127.0.0.1), port 7681 or `-p`, the
 * positional arguments are tmux's command (default `bash`), always writable.
 */
export function parseDevRunnerArgs(
  argv: string[],
  env: NodeJS.ProcessEnv,
): DevRunnerOptions {
  let port = TTYD_PORT;
  let rest = argv;
  while (rest.length > 0 && rest[0].startsWith('-')) {
    const [flag, value, ...tail] = rest;
    if (flag === '--') {
      rest = rest.slice(1);
      break;
    }
    if (flag !== '-p' && flag !== '--port') {
      throw new DevRunnerUsageError(`unknown option ${flag}`);
    }
    port = Number(value);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new DevRunnerUsageError(
        `${flag} needs a port number, got ${value}`,
      );
    }
    rest = tail;
  }
  const credential = env.TTYD_CREDENTIAL;
  if (!credential) {
    throw new DevRunnerUsageError(
      'TTYD_CREDENTIAL must be set (user:password); the runner never starts without one',
    );
  }
  return {
    host: env.POD_IP || '127.0.0.1',
    port,
    credential,
    command: rest.length > 0 ? rest : ['bash'],
    writable: true,
    // In a pod ttyd's title shows the pod's host name, which is the pod name.
    hostname: env.POD_NAME || undefined,
  };
}
