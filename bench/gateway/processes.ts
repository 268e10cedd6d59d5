/** Child processes of the benchmark: started, awaited, measured and always stopped. */
import { ChildProcess, fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const TRANSFORM = require.resolve('@backstage/cli/config/nodeTransform.cjs');

/** Messages the TypeScript loader sends its parent about every file it compiles. */
const isLoaderMessage = (m: unknown) =>
  (m as { type?: string })?.type === 'watch';

/** Resolves with the child's next own message (the loader's are skipped). */
export function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: unknown) => {
      if (isLoaderMessage(m)) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(m as T);
    };
    const onExit = (code: number | null) =>
      reject(new Error(`child exited with ${code}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Forks a TypeScript module of this folder with an IPC channel; resolves with its first message. */
export async function forkTs<T>(
  file: string,
  args: string[] = [],
  nodeArgs: string[] = [],
): Promise<{ child: ChildProcess; hello: T }> {
  const child = fork(path.join(__dirname, file), args, {
    execArgv: ['-r', TRANSFORM, ...nodeArgs],
    // The child's stdout (the gateway's log lines) goes to stderr: stdout is the table's.
    stdio: ['ignore', 2, 2, 'ipc'],
  });
  const hello = await nextMessage<T>(child);
  return { child, hello };
}

/** Starts a server binary in the foreground and waits until its port accepts connections. */
export async function spawnServer(
  command: string,
  args: string[],
  port: number,
): Promise<ChildProcess> {
  const child = spawn(command, args, {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  for (let i = 0; i < 200; i++) {
    if (exited) throw new Error(`${command} exited during start`);
    if (await canConnect(port)) return child;
    await new Promise(r => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`${command} did not listen on ${port}`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Stops a child and waits for it (SIGKILL after two seconds). */
export async function stop(
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGTERM',
) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise(r => child.once('exit', r));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
  await exited;
  clearTimeout(timer);
}

/** A free loopback port (bound, read and released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

/** Resident memory of a process and all its descendants, in bytes, from /proc. */
export function treeRss(pid: number): number {
  let total = 0;
  const pending = [pid];
  while (pending.length) {
    const current = pending.pop()!;
    try {
      const status = readFileSync(`/proc/${current}/status`, 'utf8');
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
      const children = readFileSync(
        `/proc/${current}/task/${current}/children`,
        'utf8',
      );
      pending.push(...children.split(' ').filter(Boolean).map(Number));
    } catch {
      // The process is gone.
    }
  }
  return total;
}

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on every Linux this runs on). */
const USER_HZ = 100;

/**
 * CPU time (user + system) of a process and all its descendants so far, in milliseconds, from
 * `/proc/<pid>/stat` (10 ms resolution): what a proxy spent, whatever else shares the machine.
 */
export function treeCpuMs(pid: number): number {
  let ticks = 0;
  const pending = [pid];
  while (pending.length) {
    const current = pending.pop()!;
    try {
      const stat = readFileSync(`/proc/${current}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces) in parentheses; utime and stime
      // are fields 14 and 15 of the line, 12 and 13 after it.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
      const children = readFileSync(
        `/proc/${current}/task/${current}/children`,
        'utf8',
      );
      pending.push(...children.split(' ').filter(Boolean).map(Number));
    } catch {
      // The process is gone.
    }
  }
  return (ticks * 1000) / USER_HZ;
}

/**
 * CPU time of a Postgres server so far, in milliseconds: its postmaster and live backends (whose
 * pid the server's data directory holds), plus the time of backends that already exited
 * (counted into the postmaster's cutime/cstime when it reaped them).
 */
export function postgresServerCpuMs(dataDirectory: string): number {
  const pid = Number(
    readFileSync(path.join(dataDirectory, 'postmaster.pid'), 'utf8').split(
      '\n',
    )[0],
  );
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const reaped = Number(fields[13]) + Number(fields[14]);
  return treeCpuMs(pid) + (reaped * 1000) / USER_HZ;
}
