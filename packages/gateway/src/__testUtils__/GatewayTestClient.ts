import WebSocket from 'ws';
import {
  decodeServerMessage,
  encodeInit,
  encodeInput,
  TTYD_SUBPROTOCOL,
} from '@hatchway/plugin-terminal-common';

/** How a test client opens its WebSocket. */
export interface ConnectOptions {
  origin?: string;
  protocols?: string[];
  query?: string;
  maxPayload?: number;
}

/** The end of a connection: a close code and reason, or the HTTP status of a refused upgrade. */
export type Outcome = { code: number; reason: string } | { status: number };

/**
 * A browser-like ttyd client for the gateway's tests: a real `ws` WebSocket that keeps every
 * frame it receives and how the connection ended.
 */
export class GatewayTestClient {
  readonly frames: Buffer[] = [];
  readonly outcome: Promise<Outcome>;
  readonly opened: Promise<boolean>;
  private waiters: Array<() => void> = [];

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      this.frames.push(Buffer.from(data));
      this.notify();
    });
    this.opened = new Promise(resolve => {
      ws.once('open', () => resolve(true));
      ws.once('unexpected-response', () => resolve(false));
      ws.once('error', () => resolve(false));
    });
    this.outcome = new Promise(resolve => {
      ws.once('unexpected-response', (_req, res) => {
        resolve({ status: res.statusCode ?? 0 });
        res.resume();
      });
      ws.on('error', () => undefined);
      ws.once('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        this.notify();
      });
    });
  }

  static connect(
    baseUrl: string,
    sessionId: string,
    options: ConnectOptions = {},
  ) {
    const url = `${baseUrl}/sessions/${sessionId}${
      options.query ? `?${options.query}` : ''
    }`;
    const ws = new WebSocket(url, options.protocols ?? [TTYD_SUBPROTOCOL], {
      origin: options.origin ?? 'http://localhost:3000',
      perMessageDeflate: false,
      maxPayload: options.maxPayload,
    });
    return new GatewayTestClient(ws);
  }

  /** Opens and sends ttyd's first message with the ticket. */
  async start(ticket: string, columns = 80, rows = 24): Promise<this> {
    if (await this.opened)
      this.ws.send(encodeInit({ AuthToken: ticket, columns, rows }));
    return this;
  }

  type(text: string) {
    this.ws.send(encodeInput(text));
  }

  /** Every output byte so far, as text. */
  output(): string {
    return this.frames
      .map(f => decodeServerMessage(f))
      .map(m =>
        m.type === 'output' ? Buffer.from(m.data).toString('utf8') : '',
      )
      .join('');
  }

  /** Resolves once the output matches; rejects after the timeout with the tail of the output. */
  async waitForOutput(
    pattern: RegExp,
    timeoutMs = 10000,
  ): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = this.output().match(pattern);
      if (match) return match;
      if (Date.now() >= deadline || this.ws.readyState === WebSocket.CLOSED) {
        throw new Error(
          `no ${pattern} in output: ${JSON.stringify(
            this.output().slice(-300),
          )}`,
        );
      }
      await new Promise<void>(resolve => {
        const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close() {
    this.ws.terminate();
  }

  private notify() {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach(w => w());
  }
}
