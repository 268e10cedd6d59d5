import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** The one tmux session every connection of a runner attaches to. */
export const TMUX_SESSION = 'main';

/** A tmux socket name unique to one runner, so runners never share a tmux server. */
export function uniqueTmuxSocket(): string {
  return `hatchway-runner-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** The runner's pid in a socket name of {@link uniqueTmuxSocket}. */
const RUNNER_SOCKET = /^hatchway-runner-(\d+)-[0-9a-f]{8}$/;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Stops the tmux servers of dev runners that are gone. A runner stops its server when it stops;
 * one that was killed (SIGKILL, its emulator killed) cannot, and the server (`exit-empty off`,
 * detached from the runner) would keep its shell running for good. Servers of runners still
 * running are left alone. Resolves with how many were stopped.
 */
export async function reapStaleTmuxServers(
  env: NodeJS.ProcessEnv,
): Promise<number> {
  let sockets: string[];
  try {
    sockets = await readdir(path.dirname(tmuxSocketPath('x', env)));
  } catch {
    return 0;
  }
  const stale = sockets.filter(name => {
    const match = RUNNER_SOCKET.exec(name);
    return match !== null && !isRunning(Number(match[1]));
  });
  await Promise.all(stale.map(socket => killTmuxServer(socket, env)));
  return stale.length;
}

/**
 * The runner's tmux configuration, the same file the image installs as /etc/tmux.conf; found
 * through the package itself so it resolves alike from the sources and a built package.
 */
export const RUNNER_TMUX_CONF = path.join(
  path.dirname(require.resolve('@hatchway/runner/package.json')),
  'tmux.conf',
);

/**
 * Arguments for `tmux -L <socket> new -A -s main <command>`: attach to the session, creating it
 * with the command when it does not exist yet. `-f` with the runner's own configuration ignores
 * the developer's `~/.tmux.conf`, so the dev runner behaves like the image.
 */
export function tmuxAttachArgs(socket: string, command: string[]): string[] {
  return [
    '-L',
    socket,
    '-f',
    RUNNER_TMUX_CONF,
    'new',
    '-A',
    '-s',
    TMUX_SESSION,
    ...command,
  ];
}

/**
 * Starts the runner's tmux server before any client comes (`exit-empty off` keeps it up without
 * a session), so that the first client's `new -A` only creates the session: its first output
 * comes ~0.1 s sooner on the shared machine. The server gets the environment and folder the
 * clients have, so the session's shell sees the same as when a client starts the server (as
 * under ttyd). Resolves either way: without tmux the first client fails as it did before.
 */
export function startTmuxServer(
  socket: string,
  env: NodeJS.ProcessEnv,
  cwd: string | undefined,
): Promise<void> {
  return new Promise(resolve => {
    execFile(
      'tmux',
      [
        '-L',
        socket,
        '-f',
        RUNNER_TMUX_CONF,
        'start-server',
        ';',
        'set-option',
        '-g',
        'exit-empty',
        'off',
      ],
      { env, cwd },
      () => resolve(),
    );
  });
}

/** The command line ttyd would show in its title: the image runs `tmux new -A -s main <command>`. */
export function tmuxCommandLine(command: string[]): string {
  return ['tmux', 'new', '-A', '-s', TMUX_SESSION, ...command].join(' ');
}

/** Where tmux puts the socket of `tmux -L <socket>` for this user. */
export function tmuxSocketPath(socket: string, env: NodeJS.ProcessEnv): string {
  const dir = env.TMUX_TMPDIR || os.tmpdir();
  return path.join(dir, `tmux-${process.getuid?.() ?? 0}`, socket);
}

/**
 * Stops the runner's tmux server (and with it the session's processes) and removes its socket
 * file, which tmux leaves behind; resolves either way.
 */
export function killTmuxServer(
  socket: string,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  return new Promise(resolve => {
    execFile('tmux', ['-L', socket, 'kill-server'], { env }, () => {
      rmSync(tmuxSocketPath(socket, env), { force: true });
      resolve();
    });
  });
}
