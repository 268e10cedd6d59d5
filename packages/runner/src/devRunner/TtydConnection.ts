import type { IPty } from '@lydell/node-pty';
import type { RawData, WebSocket } from 'ws';
import {
  decodeClientMessage,
  decodeInit,
  encodeOutput,
  encodePreferences,
  encodeTitle,
  TtydInit,
} from '@hatchway/plugin-terminal-common';
import type { TtydCredentialCheck } from './upgradeChecks';
import type { DevRunnerLogger, PtySize } from './types';

/** What one ttyd connection needs from its runner. */
export interface TtydConnectionOptions {
  credential: TtydCredentialCheck;
  /** ttyd's `-W`: without it input is dropped. */
  writable: boolean;
  /** Window title sent first (ttyd: `<command> (<hostname>)`). */
  title: string;
  /** Starts the command in a PTY of the given size. */
  spawn(size: PtySize): IPty;
  /** ttyd's `-P`: ping period; the client is dropped after period + 7 s without a pong. */
  pingIntervalMs: number;
  logger: DevRunnerLogger;
  /** Log when the first output is sent and how long after the command's spawn. */
  logTimings?: boolean;
}

const JSON_DATA = '{'.charCodeAt(0);
const PONG_GRACE_MS = 7000;

function bytesOf(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

/**
 * One client of the dev runner, speaking ttyd 1.7's protocol: waits for the init message, spawns
 * the command at that size, then pipes PTY output and client input, resize and flow control.
 */
export class TtydConnection {
  private pty: IPty | undefined;
  /** Set once the command has exited or the client left: nothing is spawned again. */
  private ended = false;
  private sendInFlight = false;
  private clientPaused = false;
  private lastPong = Date.now();
  private readonly pinger: NodeJS.Timeout;
  private spawnedAt?: number;

  /** Serves a freshly upgraded client until it leaves. */
  static attach(ws: WebSocket, options: TtydConnectionOptions): TtydConnection {
    return new TtydConnection(ws, options);
  }

  private constructor(
    private readonly ws: WebSocket,
    private readonly options: TtydConnectionOptions,
  ) {
    ws.on('message', data => this.onMessage(bytesOf(data)));
    ws.on('pong', () => {
      this.lastPong = Date.now();
    });
    ws.on('close', () => this.dispose());
    ws.on('error', err =>
      options.logger.warn('client error', { err: err.message }),
    );
    this.pinger = setInterval(() => this.ping(), options.pingIntervalMs);
  }

  private ping() {
    if (
      Date.now() - this.lastPong >
      this.options.pingIntervalMs + PONG_GRACE_MS
    ) {
      this.options.logger.warn('client stopped answering pings');
      this.ws.terminate();
      return;
    }
    this.ws.ping();
  }

  private onMessage(bytes: Buffer) {
    if (this.ended) return;
    if (this.pty) {
      this.onCommand(bytes);
    } else if (bytes[0] === JSON_DATA) {
      this.onInit(bytes);
    } else if (this.options.credential.required) {
      // ttyd: "WS client not authenticated" — the connection is dropped without a close frame.
      this.ws.terminate();
    }
    // Without a credential ttyd ignores input before the first message.
  }

  private onInit(bytes: Buffer) {
    let init: TtydInit | undefined;
    try {
      init = decodeInit(bytes);
    } catch {
      init = undefined;
    }
    if (!this.options.credential.acceptsAuthToken(init?.AuthToken)) {
      this.options.logger.warn(
        'refused a first message without the right AuthToken',
      );
      this.ws.close(1008);
      return;
    }
    const size = init ?? { columns: 80, rows: 24 };
    try {
      this.spawnedAt = performance.now();
      this.pty = this.options.spawn(size);
    } catch (err) {
      // ttyd hangs up when it cannot spawn; the runner itself must stay up for the next client.
      this.options.logger.warn('could not start the command', {
        err: (err as Error).message,
      });
      this.ended = true;
      this.ws.terminate();
      return;
    }
    this.ws.send(encodeTitle(this.options.title));
    this.ws.send(encodePreferences({}));
    this.pty.onData(data => this.onOutput(data as unknown as Buffer));
    this.pty.onExit(({ exitCode }) => this.onExit(exitCode));
  }

  private onCommand(bytes: Buffer) {
    let message;
    try {
      message = decodeClientMessage(bytes);
    } catch (err) {
      this.options.logger.warn('ignored a malformed message', {
        err: String(err),
      });
      return;
    }
    switch (message.type) {
      case 'input':
        if (this.options.writable)
          this.pty?.write(Buffer.from(message.data) as unknown as string);
        break;
      case 'resize':
        this.pty?.resize(message.columns, message.rows);
        break;
      case 'pause':
        this.clientPaused = true;
        this.pty?.pause();
        break;
      case 'resume':
        this.clientPaused = false;
        this.resumeWhenDrained();
        break;
      default:
        // A second init or an unknown command: ttyd ignores both.
        break;
    }
  }

  /** Like ttyd, at most one PTY read is in flight: reading stops until the frame is written. */
  private onOutput(data: Buffer) {
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (this.options.logTimings && this.spawnedAt !== undefined) {
      this.options.logger.info('first output', {
        at: Date.now(),
        sinceSpawnMs: Math.round(performance.now() - this.spawnedAt),
      });
      this.spawnedAt = undefined;
    }
    this.sendInFlight = true;
    this.pty?.pause();
    this.ws.send(encodeOutput(data), () => {
      this.sendInFlight = false;
      this.resumeWhenDrained();
    });
  }

  private resumeWhenDrained() {
    if (!this.sendInFlight && !this.clientPaused) this.pty?.resume();
  }

  private onExit(exitCode: number) {
    this.ended = true;
    this.pty = undefined;
    if (exitCode === 0) this.ws.close(1000);
    else this.ws.terminate();
  }

  /** Ends the client's PTY (a tmux client: the tmux session lives on). */
  private dispose() {
    clearInterval(this.pinger);
    this.ended = true;
    const pty = this.pty;
    this.pty = undefined;
    if (pty) {
      try {
        pty.kill('SIGHUP');
      } catch {
        // Already gone.
      }
    }
  }
}
