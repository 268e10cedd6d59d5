/**
 * The floor of any proxy written in Node, as a benchmark contender run in a child process: a bare
 * TCP proxy with no checks, no frame parsing and no metrics, each leg read into a reused buffer
 * (the accepted leg moved to one by readIntoReusedBuffer, as the gateway does) and written with
 * `socket.write`, with backpressure. What the gateway costs beyond it is the gateway's own; what
 * it costs beyond nginx is Node's.
 */
import { AddressInfo, Socket, connect, createServer } from 'node:net';
import { ReusedReadBuffer } from '../../packages/gateway/src/wire/ReusedReadBuffer';
import { readIntoReusedBuffer } from '../../packages/gateway/src/wire/readIntoReusedBuffer';

/** Writes what `reader` reads from `from` to `to`, pausing `from` while `to` is full. */
function forward(from: Socket, reader: ReusedReadBuffer, to: Socket) {
  reader.setSink(chunk => {
    const room = to.write(chunk);
    // A write that did not complete at once keeps the chunk: the next read must go elsewhere.
    if (to.writableLength > 0) reader.retain();
    if (!room) from.pause();
  });
  to.on('drain', () => from.resume());
}

function proxy(accepted: Socket, upstreamPort: number) {
  accepted.on('error', () => undefined);
  const moved = readIntoReusedBuffer(accepted);
  if (!moved) {
    accepted.destroy();
    return;
  }
  const client = moved.socket;
  const upstreamReader = new ReusedReadBuffer();
  const upstream = connect({
    host: '127.0.0.1',
    port: upstreamPort,
    noDelay: true,
    onread: upstreamReader.onread,
  });
  client.on('error', () => undefined);
  upstream.on('error', () => undefined);
  client.setNoDelay(true);
  forward(client, moved.reader, upstream);
  forward(upstream, upstreamReader, client);
  upstream.once('connect', () => client.resume());
  client.once('close', () => upstream.destroy());
  upstream.once('close', () => client.destroy());
}

if (require.main === module) {
  const upstreamPort = Number(process.argv[2]);
  const server = createServer({ pauseOnConnect: true }, socket =>
    proxy(socket, upstreamPort),
  );
  server.listen(0, '127.0.0.1', 4096, () =>
    process.send!({ port: (server.address() as AddressInfo).port }),
  );
  process.on('disconnect', () => process.exit(0));
}
