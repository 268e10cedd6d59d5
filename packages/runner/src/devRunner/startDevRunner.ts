import http from 'node:http';
import os from 'node:os';
import type { AddressInfo, Socket } from 'node:net';
import { spawn as spawnPty } from '@lydell/node-pty';
import { WebSocket, WebSocketServer } from 'ws';
import { TTYD_PORT, TTYD_SUBPROTOCOL } from '@hatchway/plugin-terminal-common';
import { TtydConnection } from './TtydConnection';
import {
  isTtydWsPath,
  requestsTtySubprotocol,
  TtydCredentialCheck,
} from './upgradeChecks';
import { prepareHome, ptyEnvironment, writableHome } from './ptyEnvironment';
import {
  killTmuxServer,
  reapStaleTmuxServers,
  startTmuxServer,
  tmuxAttachArgs,
  tmuxCommandLine,
  uniqueTmuxSocket,
} from './tmux';
import { silentLogger, type DevRunnerLogger } from './types';
import { respondToHttp } from './httpEndpoints';

/** Options of {@link startDevRunner}. */
export interface DevRunnerOptions {
  /** Address to bind; default 127.0.0.1. */
  host?: string;
  /** Port; default 7681 (ttyd's), 0 for an ephemeral one. */
  port?: number;
  /** ttyd's `-c user:password`; without it no authentication is asked for. */
  credential?: string;
  /** The command tmux runs in its session; default `['bash']`. */
  command?: string[];
  /** ttyd's `-W`: accept input. Default false, as ttyd 1.7.4+. */
  writable?: boolean;
  /** Host name in the window title; default the machine's. */
  hostname?: string;
  /** tmux socket name (`tmux -L`); default one unique to this runner. */
  tmuxSocket?: string;
  /** ttyd's `-P` in milliseconds; default 5000. */
  pingIntervalMs?: number;
  /** Environment of the command; default this process's. */
  env?: NodeJS.ProcessEnv;
  logger?: DevRunnerLogger;
  /** Logs each connection's first output time (`first output`), for bench/terminal. */
  logTimings?: boolean;
}

/** A running dev runner. */
export interface RunningDevRunner {
  /** The WebSocket URL ttyd clients connect to, `ws://<host>:<port>/ws`. */
  url: string;
  port: number;
  /** The tmux socket name, for `tmux -L <socket>`. */
  tmuxSocket: string;
  /** Drops every client, stops the server and kills the tmux server with its session. */
  close(): Promise<void>;
}

/**
 * Starts a server that speaks ttyd 1.7's protocol as `ttyd [-W] -c <credential> -- tmux new -A
 * -s main <command>` does, so every connection reattaches to the same tmux session.
 */
export async function startDevRunner(
  options: DevRunnerOptions = {},
): Promise<RunningDevRunner> {
  const host = options.host ?? '127.0.0.1';
  const command = options.command?.length ? options.command : ['bash'];
  const logger = options.logger ?? silentLogger;
  const tmuxSocket = options.tmuxSocket ?? uniqueTmuxSocket();
  const credential = new TtydCredentialCheck(options.credential);
  const baseEnv = options.env ?? process.env;
  const env = ptyEnvironment(baseEnv, writableHome(baseEnv.HOME));
  prepareHome(env.HOME, baseEnv.PATH);
  const title = `${tmuxCommandLine(command)} (${
    options.hostname ?? os.hostname()
  })`;

  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: protocols =>
      protocols.has(TTYD_SUBPROTOCOL) ? TTYD_SUBPROTOCOL : false,
  });
  const server = http.createServer((req, res) =>
    respondToHttp(req, res, credential),
  );
  const sockets = new Set<Socket>();
  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  server.on('upgrade', (req, socket: Socket, head) => {
    socket.on('error', () => socket.destroy());
    const tty = requestsTtySubprotocol(req);
    // ttyd refuses a bad path or credential by dropping the TCP connection, with no HTTP response.
    if (!isTtydWsPath(req.url) || (tty && !credential.acceptsHeader(req))) {
      logger.warn('refused a WebSocket upgrade', { path: req.url });
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      if (!tty) return; // ttyd accepts a client without `tty` and never speaks to it
      logger.info('client connected', { remote: socket.remoteAddress });
      ws.on('close', code => logger.info('client left', { code }));
      TtydConnection.attach(ws, {
        credential,
        writable: options.writable ?? false,
        title,
        pingIntervalMs: options.pingIntervalMs ?? 5000,
        logger,
        logTimings: options.logTimings ?? false,
        spawn: size =>
          spawnPty('tmux', tmuxAttachArgs(tmuxSocket, command), {
            name: 'xterm-256color',
            cols: size.columns,
            rows: size.rows,
            cwd: env.HOME,
            env,
            encoding: null,
          }),
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? TTYD_PORT, host, () => resolve());
  });
  // After listening, so that tmux's start does not hold the runner's readiness back.
  const tmuxServer = startTmuxServer(tmuxSocket, env, env.HOME);
  // Off the start's path: what killed runners left behind is no business of this one's clients.
  void reapStaleTmuxServers(env).then(stopped => {
    if (stopped > 0)
      logger.info('stopped tmux servers of runners that were killed', {
        stopped,
      });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  logger.info('dev runner listening', {
    host,
    port,
    writable: !!options.writable,
  });

  let closing: Promise<void> | undefined;
  return {
    url: `ws://${urlHost}:${port}/ws`,
    port,
    tmuxSocket,
    close() {
      closing ??= (async () => {
        for (const client of wss.clients) client.terminate();
        for (const socket of sockets) socket.destroy();
        await new Promise<void>(resolve => server.close(() => resolve()));
        wss.close();
        // A server still starting must not outlive the runner.
        await tmuxServer;
        await killTmuxServer(tmuxSocket, env);
      })();
      return closing;
    },
  };
}
