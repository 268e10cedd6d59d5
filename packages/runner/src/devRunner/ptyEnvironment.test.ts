import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prepareHome, ptyEnvironment, writableHome } from './ptyEnvironment';

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

  it("gives a login shell ~/bin on PATH and the runner's kubectl there, without touching an existing profile", () => {
    const tools = mkdtempSync(path.join(os.tmpdir(), 'tools-'));
    writeFileSync(
      path.join(tools, 'kubectl'),
      '#!/bin/sh\necho fake-kubectl "$@"\n',
    );
    chmodSync(path.join(tools, 'kubectl'), 0o755);
    const home = mkdtempSync(path.join(os.tmpdir(), 'home-'));
    prepareHome(home, `${tools}:/usr/bin:/bin`);
    // A login shell starts from /etc/profile's PATH; the written ~/.profile puts ~/bin first.
    const out = execFileSync(
      'bash',
      ['-l', '-c', 'command -v kubectl; kubectl version'],
      { env: { HOME: home, PATH: '/usr/bin:/bin' }, encoding: 'utf8' },
    );
    expect(out).toBe(`${home}/bin/kubectl\nfake-kubectl version\n`);

    const own = mkdtempSync(path.join(os.tmpdir(), 'home-'));
    writeFileSync(path.join(own, '.bash_profile'), '# mine\n');
    prepareHome(own, tools);
    expect(readFileSync(path.join(own, '.bash_profile'), 'utf8')).toBe(
      '# mine\n',
    );
    expect(() => statSync(path.join(own, '.profile'))).toThrow();
  });

  it('replaces a ~/bin link whose tool is gone (a deleted checkout), and keeps a working one', () => {
    const tools = mkdtempSync(path.join(os.tmpdir(), 'tools-'));
    writeFileSync(path.join(tools, 'kubectl'), '#!/bin/sh\necho new "$@"\n');
    chmodSync(path.join(tools, 'kubectl'), 0o755);
    const home = mkdtempSync(path.join(os.tmpdir(), 'home-'));
    mkdirSync(path.join(home, 'bin'));
    const link = path.join(home, 'bin', 'kubectl');
    symlinkSync(path.join(home, 'deleted-checkout', 'kubectl'), link);
    prepareHome(home, tools);
    expect(readlinkSync(link)).toBe(path.join(tools, 'kubectl'));

    const other = mkdtempSync(path.join(os.tmpdir(), 'tools-'));
    writeFileSync(path.join(other, 'kubectl'), '#!/bin/sh\necho other\n');
    chmodSync(path.join(other, 'kubectl'), 0o755);
    prepareHome(home, other);
    expect(readlinkSync(link)).toBe(path.join(tools, 'kubectl'));
  });
});
