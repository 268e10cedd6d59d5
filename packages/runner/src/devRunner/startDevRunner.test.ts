import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { tmuxSocketPath } from './tmux';
import { ttydAuthToken } from '@hatchway/plugin-terminal-common';
import { startDevRunner, RunningDevRunner } from './startDevRunner';
import { rawUpgrade, TtydTestClient } from '../testing/TtydTestClient';

jest.setTimeout(30000);

const execFileAsync = promisify(execFile);

const CREDENTIAL = 'hatchway:s3cr3t-dev';
const SHELL = ['bash', '--norc', '--noprofile'];
const PROMPT = /bash-[\d.]+[#$] /;
const text = (b: Buffer) => b.toString('latin1');
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

describe('the dev runner speaks ttyd 1.7', () => {
  let runner: RunningDevRunner;
  const clients: TtydTestClient[] = [];
  const connect = async (options = {}) => {
    const client = await TtydTestClient.connect(runner.url, {
      credential: CREDENTIAL,
      ...options,
    });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    runner = await startDevRunner({
      port: 0,
      credential: CREDENTIAL,
      command: SHELL,
      writable: true,
      hostname: 'runner-0',
    });
  });
  afterEach(() => clients.splice(0).forEach(c => c.close()));
  afterAll(() => runner.close());

  it('sends nothing before the first message, then title, preferences and output frames', async () => {
    const client = await connect();
    await sleep(300);
    expect(client.frames).toHaveLength(0);

    client.init(CREDENTIAL);
    await client.waitForOutput(PROMPT);
    expect(text(client.frames[0])).toBe(
      '1tmux new -A -s main bash --norc --noprofile (runner-0)',
    );
    expect(text(client.frames[1])).toBe('2{}');
    expect(client.frames.slice(2).every(f => text(f)[0] === '0')).toBe(true);
  });

  it('runs what the user types', async () => {
    const client = await connect();
    client.init(CREDENTIAL);
    client.type('echo hatchway-$((6*7))\r');
    const [, answer] = await client.waitForOutput(/hatchway-(\d+)/);
    expect(answer).toBe('42');
  });

  it('starts the terminal at the size of the first message and follows resizes', async () => {
    const client = await connect();
    client.init(CREDENTIAL, 120, 40);
    // The runner's tmux shows no status line: the shell gets every row.
    client.type('stty size\r');
    expect((await client.waitForOutput(/(\d+) (\d+)\r\n/)).slice(1)).toEqual([
      '40',
      '120',
    ]);
    client.resize(100, 30);
    // The resize reaches tmux as SIGWINCH, which may come after the keys: ask until it shows.
    for (let i = 0; i < 20 && !/30 100/.test(client.output()); i++) {
      client.type('stty size\r');
      await sleep(250);
    }
    expect(client.output()).toMatch(/30 100\r\n/);
  });

  it('shows the same screen to a new connection after a disconnect', async () => {
    const first = await connect();
    first.init(CREDENTIAL);
    first.type('echo before-reconnect-$((20+3))\r');
    await first.waitForOutput(/before-reconnect-23/);
    first.close();
    await first.closed;

    const second = await connect();
    second.init(CREDENTIAL);
    await second.waitForOutput(PROMPT);
    expect(second.output()).toContain('before-reconnect-23');
  });

  it('honours PAUSE and RESUME (flow control)', async () => {
    const client = await connect();
    client.init(CREDENTIAL);
    await client.waitForOutput(PROMPT);
    client.ws.send(Buffer.from('2'));
    client.type('echo resumed-$((5*5))\r');
    await sleep(500);
    expect(client.output()).not.toMatch(/resumed-25/);
    client.ws.send(Buffer.from('3'));
    await client.waitForOutput(/resumed-25/);
  });

  it('hangs up without an HTTP response on a missing or wrong Basic header', async () => {
    expect(
      await rawUpgrade(runner.port, { 'Sec-WebSocket-Protocol': 'tty' }),
    ).toHaveLength(0);
    const wrong = `Basic ${ttydAuthToken('hatchway:guess')}`;
    expect(
      await rawUpgrade(runner.port, {
        'Sec-WebSocket-Protocol': 'tty',
        Authorization: wrong,
      }),
    ).toHaveLength(0);
    await expect(
      TtydTestClient.connect(runner.url, { credential: 'hatchway:guess' }),
    ).rejects.toThrow('socket hang up');
  });

  it('hangs up on a path other than /ws, and serves / like /ws', async () => {
    const auth = `Basic ${ttydAuthToken(CREDENTIAL)}`;
    const headers = { 'Sec-WebSocket-Protocol': 'tty', Authorization: auth };
    expect(await rawUpgrade(runner.port, headers, '/ws/x')).toHaveLength(0);

    const atRoot = await TtydTestClient.connect(
      runner.url.replace(/\/ws$/, '/'),
      {
        credential: CREDENTIAL,
      },
    );
    clients.push(atRoot);
    atRoot.init(CREDENTIAL);
    await atRoot.waitForOutput(PROMPT);
  });

  it('answers a plain request without credentials with a Basic challenge', async () => {
    const url = runner.url.replace('ws://', 'http://').replace('/ws', '/');
    const res = await fetch(url);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Basic realm="ttyd"');
  });

  it('closes with 1008 on a wrong AuthToken or a first message that is not JSON', async () => {
    const client = await connect();
    client.init('hatchway:guess');
    expect((await client.closed).code).toBe(1008);
    expect(client.frames).toHaveLength(0);

    const garbled = await connect();
    garbled.ws.send(Buffer.from('{"AuthToken": '));
    expect((await garbled.closed).code).toBe(1008);
  });

  it('drops the connection on input or non-JSON before the first message', async () => {
    const client = await connect();
    client.type('ls\r');
    expect((await client.closed).code).toBe(1006);
  });

  it('accepts a client without the tty subprotocol and never speaks to it', async () => {
    const client = await connect({ subprotocol: false });
    expect(client.ws.protocol).toBe('');
    client.init(CREDENTIAL);
    client.type('echo silent\r');
    await sleep(500);
    expect(client.frames).toHaveLength(0);
  });

  it('closes with 1000 when the session ends', async () => {
    const client = await connect();
    client.init(CREDENTIAL);
    await client.waitForOutput(PROMPT);
    client.type('exit\r');
    expect((await client.closed).code).toBe(1000);
  });
});

describe('a read-only dev runner (no -W)', () => {
  it('drops input, as ttyd 1.7.4+ does', async () => {
    const runner = await startDevRunner({ port: 0, command: SHELL });
    try {
      const client = await TtydTestClient.connect(runner.url);
      client.init('');
      await client.waitForOutput(PROMPT);
      client.type('echo typed-$((2+3))\r');
      await sleep(500);
      expect(client.output()).not.toMatch(/typed/);
      client.close();
    } finally {
      await runner.close();
    }
  });

  it('hangs up (1006) when the command fails, and serves the next client', async () => {
    const runner = await startDevRunner({
      port: 0,
      command: SHELL,
      env: { PATH: '/nonexistent', HOME: process.env.HOME },
    });
    try {
      for (let i = 0; i < 2; i++) {
        const client = await TtydTestClient.connect(runner.url);
        client.init('');
        expect((await client.closed).code).toBe(1006);
      }
    } finally {
      await runner.close();
    }
  });

  it('takes its tmux server down when it closes', async () => {
    const runner = await startDevRunner({ port: 0, command: SHELL });
    const client = await TtydTestClient.connect(runner.url);
    client.init('');
    await client.waitForOutput(PROMPT);
    await runner.close();
    await expect(
      execFileAsync('tmux', ['-L', runner.tmuxSocket, 'has-session']),
    ).rejects.toThrow();
    expect(existsSync(tmuxSocketPath(runner.tmuxSocket, process.env))).toBe(
      false,
    );
    expect((await client.closed).code).toBe(1006);
  });
});

describe("the dev runner's timing log (bench/terminal)", () => {
  /** The `first output` lines of one connection to a runner started with `logTimings`. */
  const firstOutputLines = async (logTimings: boolean) => {
    const lines: { message: string; fields?: Record<string, unknown> }[] = [];
    const runner = await startDevRunner({
      port: 0,
      command: SHELL,
      logTimings,
      logger: {
        info: (message, fields) => lines.push({ message, fields }),
        warn: (message, fields) => lines.push({ message, fields }),
      },
    });
    try {
      const client = await TtydTestClient.connect(runner.url);
      client.init('');
      await client.waitForOutput(PROMPT);
      client.close();
    } finally {
      await runner.close();
    }
    return lines.filter(l => l.message === 'first output');
  };

  it('logs when a connection got its first output, when asked to', async () => {
    const lines = await firstOutputLines(true);
    expect(lines).toHaveLength(1);
    expect(lines[0].fields).toEqual({
      at: expect.any(Number),
      sinceSpawnMs: expect.any(Number),
    });
  });

  it('logs no timings otherwise', async () => {
    expect(await firstOutputLines(false)).toEqual([]);
  });
});

describe("the dev runner's tmux server, started ahead of the first client", () => {
  it('starts no session (and no command) before the first client', async () => {
    const runner = await startDevRunner({
      port: 0,
      command: SHELL,
      writable: true,
    });
    try {
      await sleep(500);
      await expect(
        execFileAsync('tmux', ['-L', runner.tmuxSocket, 'has-session']),
      ).rejects.toThrow();
      const client = await TtydTestClient.connect(runner.url);
      client.init('', 100, 30);
      await client.waitForOutput(PROMPT);
      client.type('stty size\r');
      await client.waitForOutput(/30 100/);
      client.close();
    } finally {
      await runner.close();
    }
  });
});

describe('tmux servers of runners that were killed', () => {
  /** A pid that ran and is gone: a runner killed with SIGKILL. */
  const deadPid = async () => {
    const child = execFile(process.execPath, ['-e', '']);
    await new Promise(resolve => child.on('exit', resolve));
    return child.pid!;
  };
  const serverUp = (socket: string) =>
    execFileAsync('tmux', ['-L', socket, 'has-session']).then(
      () => true,
      () => false,
    );

  it('are stopped by the next runner; those of live runners are not', async () => {
    // What a killed runner leaves: its tmux server, its shell still running in the session.
    const stale = `hatchway-runner-${await deadPid()}-0badc0de`;
    const live = `hatchway-runner-${process.pid}-600dc0de`;
    for (const socket of [stale, live]) {
      await execFileAsync('tmux', [
        '-L',
        socket,
        'new',
        '-d',
        '-s',
        'main',
        'sleep 600',
      ]);
    }
    try {
      expect(await serverUp(stale)).toBe(true);
      const runner = await startDevRunner({ port: 0, command: SHELL });
      try {
        for (let i = 0; i < 100 && (await serverUp(stale)); i++)
          await sleep(50);
        expect(await serverUp(stale)).toBe(false);
        expect(existsSync(tmuxSocketPath(stale, process.env))).toBe(false);
        expect(await serverUp(live)).toBe(true);
        // The new runner's own server is up too.
        expect(existsSync(tmuxSocketPath(runner.tmuxSocket, process.env))).toBe(
          true,
        );
      } finally {
        await runner.close();
      }
    } finally {
      for (const socket of [stale, live]) {
        await execFileAsync('tmux', ['-L', socket, 'kill-server']).catch(
          () => {},
        );
      }
    }
  });
});
