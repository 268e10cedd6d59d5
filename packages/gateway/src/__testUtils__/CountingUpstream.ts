import { createServer, Server } from 'node:http';
import { AddressInfo, Socket } from 'node:net';

/**
 * A TCP listener standing in for a runner in refusal tests: it counts connections and bytes, so
 * a test can show the gateway proxied nothing at all.
 */
export class CountingUpstream {
  connections = 0;
  bytes = 0;
  private readonly sockets = new Set<Socket>();

  private constructor(private readonly server: Server, readonly port: number) {}

  static async start(host = '127.0.0.1'): Promise<CountingUpstream> {
    const server = createServer();
    await new Promise<void>(resolve => server.listen(0, host, resolve));
    const upstream = new CountingUpstream(
      server,
      (server.address() as AddressInfo).port,
    );
    server.on('connection', socket => {
      upstream.connections += 1;
      upstream.sockets.add(socket);
      socket.on('data', chunk => (upstream.bytes += chunk.length));
      socket.on('close', () => upstream.sockets.delete(socket));
    });
    return upstream;
  }

  close(): Promise<void> {
    this.sockets.forEach(s => s.destroy());
    return new Promise(resolve => this.server.close(() => resolve()));
  }
}
