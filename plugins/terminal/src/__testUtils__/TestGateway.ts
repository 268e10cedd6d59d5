import { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import type { WebSocket, WebSocketServer } from 'ws';

// jsdom test environments resolve `ws` to its browser stub (it has no server); load the Node
// build by its path instead, so page tests get a real server too.
const ws: typeof import('ws') = require(join(
  dirname(require.resolve('ws/package.json')),
  'index.js',
));

/** One browser connection as the test gateway saw it. */
export interface GatewayConnection {
  socket: WebSocket;
  url: string;
  protocol: string;
  /** Every frame received, in order, as latin1 text (ttyd's frames are ASCII-led). */
  frames: string[];
}

/**
 * A real WebSocket server standing in for the gateway: it records what the terminal sends and
 * lets a test answer like the gateway (output frames, close codes). `onConnection` decides
 * what each new connection does; by default it stays open and silent.
 */
export class TestGateway {
  readonly connections: GatewayConnection[] = [];
  onConnection: (connection: GatewayConnection) => void = () => undefined;
  private readonly server: WebSocketServer;
  private readonly waiters: Array<() => void> = [];

  private constructor(server: WebSocketServer) {
    this.server = server;
    server.on('connection', (socket, request) => {
      const connection: GatewayConnection = {
        socket,
        url: request.url ?? '',
        protocol: socket.protocol,
        frames: [],
      };
      socket.on('message', data => {
        connection.frames.push(Buffer.from(data as Buffer).toString('latin1'));
        this.notify();
      });
      this.connections.push(connection);
      this.onConnection(connection);
      this.notify();
    });
  }

  static async start(): Promise<TestGateway> {
    const server = new ws.WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise(resolve => server.once('listening', resolve));
    return new TestGateway(server);
  }

  /** The gateway URL of a session, as the backend would hand it out. */
  sessionUrl(id: string): string {
    const { port } = this.server.address() as AddressInfo;
    return `ws://127.0.0.1:${port}/sessions/${id}`;
  }

  /** Resolves once `predicate` holds, re-checked on every connection and frame. */
  async until(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error('timed out waiting');
      await new Promise<void>(resolve => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  async close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise(resolve => this.server.close(resolve));
  }

  private notify() {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}

/** A ttyd server frame: command byte + payload. */
export function serverFrame(command: string, payload: string | Buffer): Buffer {
  return Buffer.concat([Buffer.from(command), Buffer.from(payload)]);
}
