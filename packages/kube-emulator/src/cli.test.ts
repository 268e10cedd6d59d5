import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { parseArgs } from './cliArgs';

describe('kube-emulator CLI', () => {
  it('parses its flags', () => {
    const args = parseArgs([
      '--port',
      '0',
      '--host',
      '0.0.0.0',
      '--kubeconfig',
      '/tmp/k',
      '--token',
      't',
      '--anonymous',
      '--rbac',
      '--snapshot',
      's.json',
      '--manifests',
      'm',
      '--http',
    ]);
    expect(args.kubeconfig).toBe('/tmp/k');
    expect(args.options).toEqual({
      port: 0,
      host: '0.0.0.0',
      adminToken: 't',
      anonymous: true,
      rbac: true,
      snapshotFile: 's.json',
      manifestsDir: 'm',
      tls: false,
    });
    expect(parseArgs([]).options).toEqual({ port: 6443, tls: true });
    expect(() => parseArgs(['--port', 'x'])).toThrow(
      '--port must be a number, got x',
    );
    expect(() => parseArgs(['--bogus'])).toThrow('unknown option --bogus');
    expect(
      parseArgs(['--no-controllers', '--process-pod', 'runner=ttyd -W sh'])
        .options,
    ).toEqual({
      port: 6443,
      tls: true,
      runControllers: false,
      controllers: {
        processPods: [{ image: 'runner', command: 'ttyd', args: ['-W', 'sh'] }],
      },
    });
    expect(() => parseArgs(['--process-pod', 'runner'])).toThrow(
      '--process-pod needs IMAGE=COMMAND, got runner',
    );
    expect(() => parseArgs(['--snapshot'])).toThrow('--snapshot needs a value');
  });

  it('starts, writes a kubeconfig, serves, and stops cleanly on SIGTERM', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kube-emulator-cli-'));
    const kubeconfig = path.join(dir, 'config.yaml');
    const child = spawn(process.execPath, [
      path.resolve(__dirname, '../bin/kube-emulator'),
      '--port',
      '0',
      '--http',
      '--token',
      'cli-token',
      '--kubeconfig',
      kubeconfig,
    ]);
    let out = '';
    child.stdout.on('data', d => (out += d.toString()));
    child.stderr.on('data', d => (out += d.toString()));
    const exited = new Promise<number | null>(r =>
      child.on('exit', code => r(code)),
    );
    try {
      const deadline = Date.now() + 20000;
      while (!/kubeconfig written to/.test(out) && Date.now() < deadline)
        await new Promise(r => setTimeout(r, 50));
      const url = /listening on (\S+)/.exec(out)?.[1];
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(out).toContain(`kubeconfig written to ${kubeconfig}`);
      const config = parse(await readFile(kubeconfig, 'utf8'));
      expect(config.clusters[0].cluster.server).toBe(url);
      expect(config.users[0].user.token).toBe('cli-token');
      const res = await fetch(`${url}/api/v1/namespaces/default`, {
        headers: { authorization: 'Bearer cli-token' },
      });
      expect((await res.json()).metadata.name).toBe('default');
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(out).toContain('received SIGTERM, shutting down');
    } finally {
      child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  }, 30000);
});
