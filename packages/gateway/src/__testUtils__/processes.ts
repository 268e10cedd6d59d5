import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

/** A free loopback port. */
export function freePort(): Promise<number> {
  return new Promise(resolve => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A child process and everything it printed. */
export interface RunningProcess {
  child: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  readyWhen: RegExp,
) {
  const child = spawn(command, args, {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (readyWhen.test(output)) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', code =>
      reject(new Error(`${command} exited (${code}): ${output}`)),
    );
  });
  // nginx is never awaited on this promise; its exit after stop() must not count as a failure.
  ready.catch(() => undefined);
  const running: RunningProcess = {
    child,
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null)
        child.kill(signal);
      await exited;
    },
  };
  return { running, ready };
}

/** The gateway's own command, configured by environment variables only. */
export async function startGatewayProcess(
  env: Record<string, string>,
): Promise<RunningProcess> {
  const bin = path.resolve(
    path.dirname(require.resolve('@hatchway/gateway/package.json')),
    'bin/hatchway-gateway',
  );
  const { running, ready } = run(
    process.execPath,
    [bin],
    { ...process.env, ...env },
    /gateway listening/,
  );
  await ready;
  return running;
}

/** Debian's nginx in the foreground with a config of its own, balancing WebSockets over `ports`. */
export async function startNginx(
  ports: number[],
): Promise<RunningProcess & { port: number }> {
  const dir = mkdtempSync('/tmp/gateway-nginx-');
  chmodSync(dir, 0o777);
  const port = await freePort();
  const servers = ports
    .map(p => `server 127.0.0.1:${p} max_fails=1 fail_timeout=30s;`)
    .join('\n');
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    `daemon off; pid ${dir}/nginx.pid; worker_processes 1; error_log ${dir}/error.log;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/f;
  uwsgi_temp_path ${dir}/u; scgi_temp_path ${dir}/s;
  upstream gateways { ${servers} }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://gateways;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection "upgrade";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_read_timeout 1h;
    }
  }
}
`,
  );
  const { running } = run(
    'nginx',
    ['-c', path.join(dir, 'nginx.conf'), '-p', dir],
    process.env,
    /$^/,
  );
  for (let i = 0; i < 100; i++) {
    const up = await new Promise<boolean>(resolve => {
      const socket = createServer();
      socket.once('error', () => resolve(true));
      socket.listen(port, '127.0.0.1', () =>
        socket.close(() => resolve(false)),
      );
    });
    if (up) break;
    await new Promise(r => setTimeout(r, 100));
  }
  const stop = running.stop;
  return Object.assign(running, {
    port,
    stop: async () => {
      await stop('SIGQUIT');
      rmSync(dir, { recursive: true, force: true });
    },
  });
}
