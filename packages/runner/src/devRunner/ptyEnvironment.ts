import { accessSync, constants, mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Variables the shell must not inherit: the runner's secret and an outer tmux's markers. */
const WITHHELD = ['TTYD_CREDENTIAL', 'TMUX', 'TMUX_PANE'];

function isWritableDir(dir: string | undefined): dir is string {
  if (!dir) return false;
  try {
    accessSync(dir, constants.W_OK);
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/**
 * HOME for the shell: `$HOME` when it is a writable folder, else a fresh temporary one (a pod
 * with a read-only root file system and no home volume still gets a working shell).
 */
export function writableHome(home: string | undefined): string {
  if (isWritableDir(home)) return home;
  return mkdtempSync(path.join(os.tmpdir(), 'hatchway-runner-home-'));
}

/** The environment of the PTY's process: the runner's, minus secrets, with a terminal type. */
export function ptyEnvironment(
  base: NodeJS.ProcessEnv,
  home: string,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    if (value !== undefined && !WITHHELD.includes(key)) env[key] = value;
  }
  env.TERM = 'xterm-256color';
  env.HOME = home;
  // The optional CLI bundle unpacks into ~/bin.
  env.PATH = [path.join(home, 'bin'), env.PATH]
    .filter(Boolean)
    .join(path.delimiter);
  // tmux draws only ASCII without a UTF-8 locale.
  if (!env.LANG && !env.LC_ALL) env.LANG = 'C.UTF-8';
  return env;
}
