import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import {
  encodeOutput,
  TTYD_SUBPROTOCOL,
} from '@hatchway/plugin-terminal-common';

const FRAME = encodeOutput(Buffer.alloc(16 * 1024, 0x61));

/**
 * A runner stand-in that floods output after the first message, as `cat bigfile` would, writing
 * only while its own socket accepts data — so `sent` shows how far backpressure reached back.
 */
export class StreamingRunner {
  sent = 0;

  private constructor(private readonly server: Server, readonly port: number) {}

  static async start(
    host: string,
    port: number,
    limit: number,
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
              ws.send(FRAME);
              runner.sent += FRAME.length;
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
