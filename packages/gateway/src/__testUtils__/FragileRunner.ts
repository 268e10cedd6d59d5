import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import {
  encodeOutput,
  TTYD_SUBPROTOCOL,
} from '@hatchway/plugin-terminal-common';

/**
 * A minimal ttyd stand-in that can die on demand: it answers the first message with a line of
 * output and echoes input, and `crash()` cuts every TCP connection without a close frame — what
 * a pod being OOM-killed looks like from the gateway.
 */
export class FragileRunner {
  private readonly clients = new Set<WebSocket>();

  private constructor(private readonly server: Server, readonly port: number) {}

  static async start(host: string, port: number): Promise<FragileRunner> {
    const wss = new WebSocketServer({
      noServer: true,
      handleProtocols: p =>
        p.has(TTYD_SUBPROTOCOL) ? TTYD_SUBPROTOCOL : false,
    });
    const server = createServer();
    await new Promise<void>(resolve => server.listen(port, host, resolve));
    const runner = new FragileRunner(
      server,
      (server.address() as AddressInfo).port,
    );
    server.on('upgrade', (req, socket, head) =>
      wss.handleUpgrade(req, socket, head, ws => {
        runner.clients.add(ws);
        let first = true;
        ws.on('message', (data: Buffer) => {
          if (first) ws.send(encodeOutput('fragile runner ready\r\n'));
          else if (data[0] === 0x30) ws.send(encodeOutput(data.subarray(1)));
          first = false;
        });
      }),
    );
    return runner;
  }

  crash(): void {
    this.clients.forEach(ws => ws.terminate());
  }

  close(): Promise<void> {
    this.crash();
    return new Promise(resolve => this.server.close(() => resolve()));
  }
}
