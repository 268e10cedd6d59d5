import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
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

/** Tools the runner image has in /usr/local/bin that a shell on this machine finds in ~/bin. */
const IMAGE_TOOLS = ['kubectl'];

/** What a login shell reads when the home has no profile of its own. */
const LOGIN_PROFILE = `# Written by the Hatchway runner: login shells keep ~/bin (kubectl, the CLI bundle) on PATH.
case ":$PATH:" in *":$HOME/bin:"*) ;; *) PATH="$HOME/bin:$PATH" ;; esac
export PATH
if [ -n "$BASH_VERSION" ] && [ -f "$HOME/.bashrc" ]; then . "$HOME/.bashrc"; fi
`;

function findOnPath(tool: string, searchPath: string | undefined) {
  for (const dir of (searchPath ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, tool);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * Makes the shell's home work like the runner image's: \`bash -l\` resets PATH from /etc/profile,
 * so ~/bin goes onto PATH through a ~/.profile (only when the home has no login profile yet),
 * and the image's tools found on the runner's PATH (e.g. a checkout's .tools/bin/kubectl) are
 * linked into ~/bin, unless ~/bin has them.
 */
export function prepareHome(home: string, searchPath: string | undefined) {
  const bin = path.join(home, 'bin');
  mkdirSync(bin, { recursive: true });
  for (const tool of IMAGE_TOOLS) {
    const found = findOnPath(tool, searchPath);
    const link = path.join(bin, tool);
    // A tool in ~/bin already (the user's own, or linked before) stays; a link left pointing
    // nowhere (the checkout it came from was deleted) is replaced, or every shell would fail.
    if (!found || existsSync(link)) continue;
    rmSync(link, { force: true });
    symlinkSync(found, link);
  }
  const profiles = ['.bash_profile', '.bash_login', '.profile'];
  if (!profiles.some(name => existsSync(path.join(home, name)))) {
    writeFileSync(path.join(home, '.profile'), LOGIN_PROFILE);
  }
}
