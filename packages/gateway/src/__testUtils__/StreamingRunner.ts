import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import {
  encodeOutput,
  TTYD_SUBPROTOCOL,
} from '@hatchway/plugin-terminal-common';

const FRAME = encodeOutput(Buffer.alloc(16 * 1024, 0x61));

/** The output frame number `index` of a numbered stream: 16 KiB no other frame repeats. */
export function numberedFrame(index: number): Buffer {
  const payload = Buffer.alloc(16 * 1024);
  for (let i = 0; i < payload.length; i += 4)
    payload.writeUInt32BE(index * 4096 + i / 4, i);
  return Buffer.from(encodeOutput(payload));
}

/**
 * A runner stand-in that floods output after the first message, as `cat bigfile` would, writing
 * only while its own socket accepts data — so `sent` shows how far backpressure reached back.
 */
export class StreamingRunner {
  sent = 0;
  frames = 0;

  private constructor(private readonly server: Server, readonly port: number) {}

  /**
   * @param limit - bytes to send
   * @param numbered - send {@link numberedFrame}s 0, 1, 2… instead of frames of "a"
   */
  static async start(
    host: string,
    port: number,
    limit: number,
    numbered = false,
  ): Promise<StreamingRunner> {
    const wss = new WebSocketServer({
      noServer: true,
      perMessageDeflate: false,
      handleProtocols: p =>
        p.has(TTYD_SUBPROTOCOL) ? TTYD_SUBPROTOCOL : false,
    });
    const server = createServer();
    await new Promise<void>(resolve => server.listen(port, host, resolve));
    const runner = new StreamingRunner(
      server,
      (server.address() as AddressInfo).port,
    );
    server.on('upgrade', (req, socket, head) =>
      wss.handleUpgrade(req, socket, head, ws =>
        ws.once('message', () => {
          const pump = () => {
            while (runner.sent < limit && ws.bufferedAmount < 256 * 1024) {
              const frame = numbered ? numberedFrame(runner.frames) : FRAME;
              ws.send(frame);
              runner.sent += frame.length;
              runner.frames++;
            }
            if (runner.sent < limit && ws.readyState === ws.OPEN)
              setTimeout(pump, 5);
          };
          pump();
        }),
      ),
    );
    return runner;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise(resolve => this.server.close(() => resolve()));
  }
}
