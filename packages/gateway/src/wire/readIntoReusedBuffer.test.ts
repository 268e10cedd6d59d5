import { AddressInfo, Server, Socket, connect, createServer } from 'node:net';
import { readIntoReusedBuffer } from './readIntoReusedBuffer';

/** A server whose accepted sockets are handed over one at a time, and a client of it. */
async function connectedPair(server: Server) {
  const accepted = new Promise<Socket>(resolve =>
    server.once('connection', resolve),
  );
  await new Promise<void>(resolve =>
    server.listening ? resolve() : server.listen(0, '127.0.0.1', resolve),
  );
  const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
  await new Promise(resolve => client.once('connect', resolve));
  return { client, accepted: await accepted };
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

describe('readIntoReusedBuffer', () => {
  let server: Server;
  beforeEach(() => {
    server = createServer();
  });
  afterEach(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  it('hands over what the old socket held, then reads the rest into the reused buffer', async () => {
    const { client, accepted } = await connectedPair(server);
    const firstRead = new Promise<Buffer>(resolve =>
      accepted.once('data', resolve),
    );
    client.write('first');
    expect((await firstRead).toString()).toBe('first');
    accepted.pause();
    client.write('while-paused');
    await sleep(50);

    const moved = readIntoReusedBuffer(accepted)!;
    expect(moved).toBeDefined();
    expect(moved.buffered.toString()).toBe('while-paused');
    expect(accepted.destroyed).toBe(true);

    const received: string[] = [];
    // Chunks live in the reused buffer only during the call: copied out as strings.
    moved.reader.setSink(chunk => received.push(chunk.toString()));
    moved.socket.resume();
    client.write('after-move');
    const echoed = new Promise<Buffer>(resolve => client.once('data', resolve));
    moved.socket.write('reply');
    expect((await echoed).toString()).toBe('reply');
    await sleep(50);
    expect(received.join('')).toBe('after-move');

    const ended = new Promise(resolve => moved.socket.once('end', resolve));
    client.end();
    await ended;
    moved.socket.destroy();
    // The connection was not closed by retiring the old Socket object; the server counts none.
    const count = await new Promise<number>(resolve =>
      server.getConnections((_error, n) => resolve(n)),
    );
    expect(count).toBe(0);
  });

  it('reads nothing until the new socket is resumed', async () => {
    const { client, accepted } = await connectedPair(server);
    accepted.pause();
    const moved = readIntoReusedBuffer(accepted)!;
    const received: string[] = [];
    moved.reader.setSink(chunk => received.push(chunk.toString()));
    client.write('early');
    await sleep(50);
    expect(received).toEqual([]);
    moved.socket.resume();
    await sleep(50);
    expect(received.join('')).toBe('early');
    client.destroy();
    moved.socket.destroy();
  });

  it('leaves a socket whose peer has already ended as it was', async () => {
    const { client, accepted } = await connectedPair(server);
    accepted.pause();
    client.end('last words');
    await sleep(50);
    expect(readIntoReusedBuffer(accepted)).toBeUndefined();
    const data: string[] = [];
    accepted.on('data', chunk => data.push(chunk.toString()));
    const ended = new Promise(resolve => accepted.once('end', resolve));
    accepted.resume();
    await ended;
    expect(data.join('')).toBe('last words');
    accepted.destroy();
  });

  it('leaves a destroyed socket alone', async () => {
    const { client, accepted } = await connectedPair(server);
    accepted.destroy();
    expect(readIntoReusedBuffer(accepted)).toBeUndefined();
    client.destroy();
  });
});
