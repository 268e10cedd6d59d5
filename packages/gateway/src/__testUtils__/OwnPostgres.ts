import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

function pgBin(): string {
  const versions = readdirSync('/usr/lib/postgresql').sort(
    (a, b) => Number(a) - Number(b),
  );
  return `/usr/lib/postgresql/${versions[versions.length - 1]}/bin`;
}

function freePort(): Promise<number> {
  return new Promise(resolve => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A throwaway Postgres server of one test's own (as scripts/postgres.sh starts one), so the
 * test may stop and start it without touching the server other tests share.
 */
export class OwnPostgres {
  private constructor(private readonly dir: string, readonly port: number) {}

  get url(): string {
    return `postgresql://postgres@127.0.0.1:${this.port}`;
  }

  static async start(): Promise<OwnPostgres> {
    const dir = mkdtempSync('/tmp/gateway-pg-');
    chmodSync(dir, 0o777);
    execFileSync('chown', ['postgres:', dir]);
    execFileSync(
      'runuser',
      [
        '-u',
        'postgres',
        '--',
        `${pgBin()}/initdb`,
        '-D',
        path.join(dir, 'data'),
        '-U',
        'postgres',
        '--auth=trust',
        '-E',
        'UTF8',
        '--locale=C.UTF-8',
      ],
      { stdio: 'ignore' },
    );
    const pg = new OwnPostgres(dir, await freePort());
    pg.startServer();
    return pg;
  }

  startServer(): void {
    execFileSync(
      'runuser',
      [
        '-u',
        'postgres',
        '--',
        `${pgBin()}/pg_ctl`,
        '-D',
        path.join(this.dir, 'data'),
        '-l',
        path.join(this.dir, 'log'),
        '-w',
        '-o',
        `-c listen_addresses=127.0.0.1 -p ${this.port} -k ${this.dir} -c fsync=off`,
        'start',
      ],
      { stdio: 'ignore' },
    );
  }

  /** Stops the server the fast way (connections are cut, as in a crash or failover). */
  stopServer(): void {
    execFileSync(
      'runuser',
      [
        '-u',
        'postgres',
        '--',
        `${pgBin()}/pg_ctl`,
        '-D',
        path.join(this.dir, 'data'),
        '-m',
        'immediate',
        '-w',
        'stop',
      ],
      { stdio: 'ignore' },
    );
  }

  destroy(): void {
    try {
      this.stopServer();
    } catch {
      // Already stopped.
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
