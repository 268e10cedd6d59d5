import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ptyEnvironment, writableHome } from './ptyEnvironment';

describe("the shell's environment", () => {
  it('never hands the credential or an outer tmux to the shell', () => {
    const env = ptyEnvironment(
      {
        TTYD_CREDENTIAL: 'u:p',
        TMUX: '/tmp/x,1,0',
        PATH: '/usr/bin',
        KEEP: 'yes',
      },
      '/home/runner',
    );
    expect(env).toEqual({
      KEEP: 'yes',
      TERM: 'xterm-256color',
      HOME: '/home/runner',
      PATH: '/home/runner/bin:/usr/bin',
      LANG: 'C.UTF-8',
    });
  });

  it('keeps a writable HOME and replaces a missing or unusable one with a temp folder', () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'home-'));
    expect(writableHome(home)).toBe(home);
    const file = path.join(home, 'not-a-dir');
    writeFileSync(file, '');
    for (const unusable of [undefined, '/nonexistent/home', file]) {
      const fallback = writableHome(unusable);
      expect(fallback).not.toBe(unusable);
      expect(statSync(fallback).isDirectory()).toBe(true);
    }
  });
});
