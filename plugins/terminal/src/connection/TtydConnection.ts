import {
  decodeServerMessage,
  encodeInit,
  encodeInput,
  encodeResize,
  TerminalSize,
  TTYD_SUBPROTOCOL,
} from '@hatchway/plugin-terminal-common';
import { BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from './backoff';
import { classifyClose } from './closeCodes';
import type { ConnectionStatus } from './ConnectionStatus';
import {
  FlowControl,
  FlowControlOptions,
  TerminalOutput,
  TTYD_FLOW_CONTROL,
} from './FlowControl';

/** What connecting needs: where to, and the one-time ticket to send as ttyd's AuthToken. */
export interface ConnectionTicket {
  ticket: string;
  gatewayUrl: string;
}

/** The parts of a WebSocket the connection uses; the browser's and `ws`'s both fit. */
export type SocketFactory = (url: string, protocol: string) => WebSocket;

/** Options of {@link TtydConnection}. */
export interface TtydConnectionOptions {
  /** A fresh ticket for every attempt; reject with a `SessionEndedError` to stop for good. */
  getTicket(): Promise<ConnectionTicket>;
  output: TerminalOutput;
  /** The terminal's current size, read at every connect and resize. */
  getSize(): TerminalSize;
  onStatus(status: ConnectionStatus): void;
  onTitle?(title: string): void;
  createSocket?: SocketFactory;
  backoff?: BackoffOptions;
  /** Consecutive failed attempts before giving up (default 10). */
  maxAttempts?: number;
  random?: () => number;
  /** How long the window must stay still before its new size is sent (default 150 ms). */
  resizeDebounceMs?: number;
  flowControl?: FlowControlOptions;
}

const OPEN = 1;

/**
 * One terminal's connection to its session through the gateway, in ttyd's protocol: the init
 * message carries the ticket and the size, server output goes through flow control to the
 * terminal, and a retryable close brings a fresh ticket and a new socket after a jittered,
 * growing delay. Framework-free, so it is tested against a real WebSocket server.
 */
export class TtydConnection {
  private readonly options: TtydConnectionOptions;
  private socket?: WebSocket;
  private failedAttempts = 0;
  private stopped = false;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private resizeTimer?: ReturnType<typeof setTimeout>;
  private sentSize?: TerminalSize;

  constructor(options: TtydConnectionOptions) {
    this.options = options;
  }

  /** Connects for the first time. */
  start(): void {
    this.stopped = false;
    this.failedAttempts = 0;
    this.options.onStatus({ state: 'connecting' });
    void this.connect();
  }

  /** Sends keystrokes or pasted text; dropped while no socket is open, as in a dead SSH link. */
  sendInput(data: string | Uint8Array): void {
    this.sendFrame(encodeInput(data));
  }

  /** The terminal's size changed: send it once the window has been still for a moment. */
  resize(): void {
    clearTimeout(this.resizeTimer);
    this.resizeTimer = setTimeout(
      () => this.sendSizeIfChanged(),
      this.options.resizeDebounceMs ?? 150,
    );
  }

  /** Closes for good (the view went away, or the user ended the session). */
  close(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.resizeTimer);
    this.socket?.close(1000);
    this.socket = undefined;
  }

  private async connect(): Promise<void> {
    let ticket: ConnectionTicket;
    try {
      ticket = await this.options.getTicket();
    } catch (error) {
      if (this.stopped) return;
      if ((error as Error).name === 'SessionEndedError') {
        this.end((error as Error).message, false);
      } else {
        this.retry(`Could not get a ticket: ${(error as Error).message}`);
      }
      return;
    }
    if (this.stopped) return;
    const create =
      this.options.createSocket ??
      ((url, protocol) => new WebSocket(url, protocol));
    const socket = create(ticket.gatewayUrl, TTYD_SUBPROTOCOL);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    const flow = new FlowControl(
      this.options.output,
      // Bound to this socket: a late write callback must not PAUSE or RESUME a newer one.
      frame => socket.readyState === OPEN && socket.send(frame),
      this.options.flowControl ?? TTYD_FLOW_CONTROL,
    );
    let established = false;
    socket.onopen = () => {
      const size = this.options.getSize();
      // The ticket travels only here, in ttyd's first message, never in the URL.
      socket.send(encodeInit({ AuthToken: ticket.ticket, ...size }));
      this.sentSize = size;
    };
    socket.onmessage = event => {
      if (socket !== this.socket) return;
      if (!established) {
        // The gateway answers only after it accepted the ticket and reached the runner.
        established = true;
        this.failedAttempts = 0;
        this.options.onStatus({ state: 'connected' });
        this.resize();
      }
      this.handleMessage(event.data, flow);
    };
    socket.onclose = event => {
      if (socket !== this.socket || this.stopped) return;
      this.socket = undefined;
      const verdict = classifyClose(event.code, event.reason);
      if (verdict.retry) this.retry(verdict.reason);
      else this.end(verdict.reason, false);
    };
    // A failed socket always closes too; the close event carries the code to act on.
    socket.onerror = () => undefined;
  }

  private handleMessage(data: ArrayBuffer | string, flow: FlowControl): void {
    const message = decodeServerMessage(
      typeof data === 'string' ? data : new Uint8Array(data),
    );
    if (message.type === 'output') flow.write(message.data);
    else if (message.type === 'title') this.options.onTitle?.(message.title);
    // Preferences (ttyd's -t options) are the runner's business; the portal sets its own.
  }

  private retry(reason: string): void {
    this.failedAttempts += 1;
    const maxAttempts = this.options.maxAttempts ?? 10;
    if (this.failedAttempts > maxAttempts) {
      this.end(`Gave up after ${maxAttempts} attempts: ${reason}`, true);
      return;
    }
    const delayMs = backoffDelay(
      this.failedAttempts,
      this.options.backoff ?? DEFAULT_BACKOFF,
      this.options.random,
    );
    this.options.onStatus({
      state: 'reconnecting',
      attempt: this.failedAttempts,
      delayMs,
      reason,
    });
    this.retryTimer = setTimeout(() => void this.connect(), delayMs);
  }

  private end(reason: string, canReconnect: boolean): void {
    this.stopped = true;
    clearTimeout(this.resizeTimer);
    this.options.onStatus({ state: 'ended', reason, canReconnect });
  }

  private sendSizeIfChanged(): void {
    const size = this.options.getSize();
    if (
      this.sentSize?.columns === size.columns &&
      this.sentSize?.rows === size.rows
    ) {
      return;
    }
    if (this.sendFrame(encodeResize(size))) this.sentSize = size;
  }

  private sendFrame(frame: Uint8Array): boolean {
    if (this.socket?.readyState !== OPEN) return false;
    this.socket.send(frame);
    return true;
  }
}
