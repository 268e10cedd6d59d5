import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseDevRunnerArgs } from './cliArgs';

describe("the dev runner's command line (the runner image's contract)", () => {
  const env = {
    TTYD_CREDENTIAL: 'hatchway:pw',
    POD_IP: '127.1.0.7',
    POD_NAME: 'runner-abc',
  };

  it('binds the pod IP on 7681, always writable, bash by default', () => {
    expect(parseDevRunnerArgs([], env)).toEqual({
      host: '127.1.0.7',
      port: 7681,
      credential: 'hatchway:pw',
      command: ['bash'],
      writable: true,
      hostname: 'runner-abc',
    });
  });

  it('takes -p and the command after the flags', () => {
    const options = parseDevRunnerArgs(['-p', '0', '--', 'sh', '-c', 'cat'], {
      TTYD_CREDENTIAL: 'u:p',
    });
    expect(options).toMatchObject({
      host: '127.0.0.1',
      port: 0,
      command: ['sh', '-c', 'cat'],
    });
  });

  it('refuses to start without a credential, and never echoes one', () => {
    expect(() => parseDevRunnerArgs([], {})).toThrow(
      'TTYD_CREDENTIAL must be set',
    );
    expect(() => parseDevRunnerArgs(['-x'], env)).toThrow('unknown option -x');
    expect(() => parseDevRunnerArgs(['-p', 'http'], env)).toThrow(
      '-p needs a port number, got http',
    );
  });
});

describe('bin/dev-runner', () => {
  it('exits with a clear message, and no secret, when TTYD_CREDENTIAL is missing', () => {
    const bin = path.resolve(__dirname, '../bin/dev-runner');
    const env = { ...process.env, TTYD_CREDENTIAL: '' };
    const result = spawnSync(bin, [], {
      env,
      encoding: 'utf8',
      timeout: 60000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('TTYD_CREDENTIAL must be set');
  });
});
