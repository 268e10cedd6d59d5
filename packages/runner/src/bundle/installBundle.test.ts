import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
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
import { installBundleFromEnv } from './installBundle';
import { readBundleSource } from './bundleConfig';
import { serve, tarGz } from './testArchives';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function realBundle(): Buffer {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bundle-src-'));
  mkdirSync(path.join(dir, 'share'));
  writeFileSync(
    path.join(dir, 'hello'),
    '#!/bin/sh\necho hello from the bundle\n',
    { mode: 0o4755 },
  );
  writeFileSync(
    path.join(dir, 'share', 'a-rather-long-name-'.repeat(8)),
    'long',
  );
  symlinkSync('hello', path.join(dir, 'hi'));
  const out = path.join(os.tmpdir(), `bundle-${process.pid}-${Date.now()}.tgz`);
  execFileSync('tar', ['-czf', out, '-C', dir, '.']);
  return readFileSync(out);
}

describe('the optional CLI bundle', () => {
  const good = realBundle();
  let server: { base: string; close(): void };
  let home: string;
  const envFor = (file: string, overrides: Record<string, string> = {}) => ({
    HATCHWAY_BUNDLE_URL: `${server.base}${file}`,
    HATCHWAY_BUNDLE_SHA256: sha256(good),
    HATCHWAY_BUNDLE_ALLOWED_HOSTS: 'tools.example, 127.0.0.1',
    ...overrides,
  });
  const install = (env: Record<string, string>) =>
    installBundleFromEnv(env, { home, allowHttp: true });

  beforeAll(async () => {
    server = await serve({ '/bundle.tgz': good });
  });
  beforeEach(() => {
    home = mkdtempSync(path.join(os.tmpdir(), 'bundle-home-'));
  });
  afterAll(() => server.close());

  it('installs a verified archive into ~/bin, without setuid bits', async () => {
    const installed = await install(envFor('/bundle.tgz'));
    expect(installed).toContain('hello');
    const hello = path.join(home, 'bin', 'hello');
    expect(execFileSync(hello).toString()).toBe('hello from the bundle\n');
    expect(statSync(hello).mode & 0o7777).toBe(0o755);
    expect(readlinkSync(path.join(home, 'bin', 'hi'))).toBe('hello');
    expect(
      readFileSync(
        path.join(home, 'bin', 'share', 'a-rather-long-name-'.repeat(8)),
        'utf8',
      ),
    ).toBe('long');
  });

  it('does nothing without a URL', async () => {
    await expect(install({})).resolves.toBeUndefined();
  });

  it('accepts only https from an allowed host', () => {
    const env = envFor('/bundle.tgz');
    expect(() => readBundleSource(env)).toThrow(
      'must come over https, not http:',
    );
    expect(() =>
      readBundleSource({
        ...env,
        HATCHWAY_BUNDLE_URL: 'https://evil.example/b.tgz',
      }),
    ).toThrow('evil.example is not in HATCHWAY_BUNDLE_ALLOWED_HOSTS');
    expect(() =>
      readBundleSource({
        ...env,
        HATCHWAY_BUNDLE_URL: 'https://u:p@tools.example/b.tgz',
      }),
    ).toThrow('must not carry credentials');
    expect(
      readBundleSource({
        ...env,
        HATCHWAY_BUNDLE_URL: 'https://tools.example/b.tgz',
      })?.url.host,
    ).toBe('tools.example');
  });

  it('refuses a wrong checksum, a redirect and an oversized download before unpacking', async () => {
    await expect(
      install(
        envFor('/bundle.tgz', {
          HATCHWAY_BUNDLE_SHA256: sha256(Buffer.from('x')),
        }),
      ),
    ).rejects.toThrow('does not match HATCHWAY_BUNDLE_SHA256');
    await expect(install(envFor('/redirect'))).rejects.toThrow('HTTP 302');
    const small = { HATCHWAY_BUNDLE_MAX_BYTES: String(good.length - 1) };
    await expect(install(envFor('/bundle.tgz', small))).rejects.toThrow(
      'larger than',
    );
    await expect(install(envFor('/chunked/bundle.tgz', small))).rejects.toThrow(
      'larger than',
    );
    expect(existsSync(path.join(home, 'bin'))).toBe(false);
  });

  it.each([
    ['an absolute path', [{ path: '/tmp/owned' }], 'absolute path'],
    ['a climb with ..', [{ path: 'ok/../../owned' }], 'climbs out'],
    [
      'a symlink out',
      [{ path: 'passwd', type: '2', linkname: '/etc/passwd' }],
      'points outside',
    ],
    [
      'a relative symlink out',
      [{ path: 'up', type: '2', linkname: '../../..' }],
      'points outside',
    ],
    [
      'a hard link out',
      [{ path: 'h', type: '1', linkname: '../x' }],
      'climbs out',
    ],
    ['a device', [{ path: 'tty', type: '3' }], 'not a file, directory or link'],
    ['a FIFO', [{ path: 'fifo', type: '6' }], 'not a file, directory or link'],
  ])(
    'refuses an archive with %s and writes nothing',
    async (_what, members, message) => {
      const archive = tarGz([{ path: 'first', body: 'x' }, ...members]);
      const files = { '/evil.tgz': archive };
      const evil = await serve(files);
      try {
        await expect(
          install({
            ...envFor('/evil.tgz'),
            HATCHWAY_BUNDLE_URL: `${evil.base}/evil.tgz`,
            HATCHWAY_BUNDLE_SHA256: sha256(archive),
          }),
        ).rejects.toThrow(message);
        expect(existsSync(path.join(home, 'bin'))).toBe(false);
      } finally {
        evil.close();
      }
    },
  );

  it('refuses an archive that unpacks far beyond its size (a gzip bomb)', async () => {
    const bomb = tarGz([{ path: 'zeros', body: '\0'.repeat(4 * 1024 * 1024) }]);
    const bombServer = await serve({ '/bomb.tgz': bomb });
    try {
      await expect(
        install({
          ...envFor('/bomb.tgz'),
          HATCHWAY_BUNDLE_URL: `${bombServer.base}/bomb.tgz`,
          HATCHWAY_BUNDLE_SHA256: sha256(bomb),
          HATCHWAY_BUNDLE_MAX_BYTES: String(bomb.length),
        }),
      ).rejects.toThrow('does not unpack');
    } finally {
      bombServer.close();
    }
  });
});
