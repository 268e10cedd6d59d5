import net from 'node:net';
import WebSocket from 'ws';
import {
  decodeServerMessage,
  encodeInit,
  encodeInput,
  encodeResize,
  TTYD_SUBPROTOCOL,
  ttydAuthToken,
  TtydServerMessage,
} from '@hatchway/plugin-terminal-common';

/** How a test client connects. */
export interface TtydTestConnectOptions {
  /** Sent as `Authorization: Basic base64(credential)`; omit for no header. */
  credential?: string;
  /** Ask for the `tty` subprotocol (default true). */
  subprotocol?: boolean;
}

/**
 * A ttyd client for tests: a real `ws` WebSocket that records every server frame and the
 * terminal output they carry.
 */
export class TtydTestClient {
  readonly frames: Buffer[] = [];
  readonly closed: Promise<{ code: number }>;
  private listeners: Array<() => void> = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      this.frames.push(Buffer.from(data));
      this.listeners.forEach(l => l());
    });
    this.closed = new Promise(resolve =>
      ws.on('close', code => {
        resolve({ code });
        this.listeners.forEach(l => l());
      }),
    );
  }

  static connect(
    url: string,
    options: TtydTestConnectOptions = {},
  ): Promise<TtydTestClient> {
    const headers: Record<string, string> = {};
    if (options.credential !== undefined) {
      headers.Authorization = `Basic ${ttydAuthToken(options.credential)}`;
    }
    const protocols = options.subprotocol === false ? [] : [TTYD_SUBPROTOCOL];
    const ws = new WebSocket(url, protocols, { headers });
    const client = new TtydTestClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
    });
  }

  /** ttyd's first message with the token of a credential. */
  init(credential: string, columns = 80, rows = 24) {
    this.ws.send(
      encodeInit({ AuthToken: ttydAuthToken(credential), columns, rows }),
    );
  }

  type(text: string) {
    this.ws.send(encodeInput(text));
  }

  resize(columns: number, rows: number) {
    this.ws.send(encodeResize({ columns, rows }));
  }

  messages(): TtydServerMessage[] {
    return this.frames.map(f => decodeServerMessage(f));
  }

  /** Every output byte so far, as text. */
  output(): string {
    return this.messages()
      .map(m =>
        m.type === 'output' ? Buffer.from(m.data).toString('utf8') : '',
      )
      .join('');
  }

  /** Resolves once the output matches, rejects after the timeout with what was seen. */
  async waitForOutput(
    pattern: RegExp,
    timeoutMs = 10000,
  ): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = this.output().match(pattern);
      if (match) return match;
      const left = deadline - Date.now();
      if (left <= 0) {
        const seen = JSON.stringify(this.output().slice(-400));
        throw new Error(`no ${pattern} in output: ${seen}`);
      }
      await this.nextFrame(left);
    }
  }

  /** Resolves on the next frame or close, or after `ms`. */
  private nextFrame(ms: number): Promise<void> {
    return new Promise(resolve => {
      let timer: NodeJS.Timeout | undefined = undefined;
      const done = () => {
        clearTimeout(timer);
        this.listeners = this.listeners.filter(l => l !== done);
        resolve();
      };
      timer = setTimeout(done, ms);
      this.listeners.push(done);
    });
  }

  close() {
    this.ws.terminate();
  }
}

/**
 * Sends a raw WebSocket upgrade and returns every byte the server answered before it closed the
 * connection (ttyd's refusals are a hang-up with none).
 */
export function rawUpgrade(
  port: number,
  headers: Record<string, string>,
  path = '/ws',
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new Error(
          `the server kept the connection open: ${Buffer.concat(chunks)}`,
        ),
      );
    }, 3000);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
    const lines = [
      `GET ${path} HTTP/1.1`,
      'Host: 127.0.0.1',
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Version: 13',
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    ];
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  });
}
