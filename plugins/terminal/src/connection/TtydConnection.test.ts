/**
 * @jest-environment node
 */
import { GatewayCloseCode } from '@hatchway/plugin-terminal-common';
import { WebSocket } from 'ws';
import {
  GatewayConnection,
  serverFrame,
  TestGateway,
} from '../__testUtils__/TestGateway';
import type { ConnectionStatus } from './ConnectionStatus';
import { SessionEndedError } from './sessionTicketSource';
import { TtydConnectionOptions, TtydConnection } from './TtydConnection';

/** A terminal that keeps what it was given, and holds write callbacks until released. */
class RecordingTerminal {
  text = '';
  callbacks: Array<() => void> = [];
  size = { columns: 120, rows: 40 };
  write = (data: Uint8Array, callback?: () => void) => {
    this.text += Buffer.from(data).toString('utf8');
    if (callback) this.callbacks.push(callback);
  };
  release(n: number) {
    for (const cb of this.callbacks.splice(0, n)) cb();
  }
}

describe('TtydConnection against a real WebSocket server', () => {
  let gateway: TestGateway;
  let terminal: RecordingTerminal;
  let statuses: ConnectionStatus[];
  let tickets: number;
  let connection: TtydConnection;

  const ticketSource = jest.fn(async () => {
    tickets += 1;
    return {
      ticket: `ticket-${tickets}`,
      gatewayUrl: gateway.sessionUrl('s1'),
    };
  });
  // The gateway accepts a ticket by forwarding ttyd's first answer, the title.
  const acceptInit = (c: GatewayConnection) =>
    c.socket.once('message', () =>
      c.socket.send(serverFrame('1', 'bash (runner-1)')),
    );

  function connect(options: Partial<TtydConnectionOptions> = {}) {
    connection = new TtydConnection({
      getTicket: ticketSource,
      output: terminal,
      getSize: () => terminal.size,
      onStatus: s => statuses.push(s),
      createSocket: (url, protocol) =>
        new WebSocket(url, protocol) as unknown as globalThis.WebSocket,
      random: () => 0.5,
      backoff: { initialMs: 40, maxMs: 100 },
      resizeDebounceMs: 30,
      ...options,
    });
    connection.start();
    return connection;
  }
  const states = () =>
    statuses.map(s =>
      s.state === 'reconnecting' ? `${s.state} ${s.attempt}` : s.state,
    );

  beforeEach(async () => {
    gateway = await TestGateway.start();
    gateway.onConnection = acceptInit;
    terminal = new RecordingTerminal();
    statuses = [];
    tickets = 0;
    ticketSource.mockClear();
  });
  afterEach(async () => {
    connection?.close();
    await gateway.close();
  });

  it('opens the session with subprotocol tty and sends the ticket and the size only in the first message', async () => {
    connect();
    await gateway.until(() => gateway.connections[0]?.frames.length === 1);
    const [c] = gateway.connections;
    expect(c.protocol).toBe('tty');
    expect(c.url).toBe('/sessions/s1');
    expect(JSON.parse(c.frames[0])).toEqual({
      AuthToken: 'ticket-1',
      columns: 120,
      rows: 40,
    });
  });

  it('writes output to the terminal, reports the title and ignores preferences', async () => {
    const titles: string[] = [];
    gateway.onConnection = c =>
      c.socket.once('message', () => {
        c.socket.send(serverFrame('1', 'bash (runner-1)'));
        c.socket.send(serverFrame('2', '{"fontSize":20}'));
        c.socket.send(serverFrame('0', 'hatchway$ '));
      });
    connect({ onTitle: t => titles.push(t) });
    await gateway.until(() => terminal.text === 'hatchway$ ');
    expect(titles).toEqual(['bash (runner-1)']);
    expect(states()).toEqual(['connecting', 'connected']);
  });

  it('sends keystrokes as INPUT frames', async () => {
    connect();
    await gateway.until(() => states().includes('connected'));
    connection.sendInput('echo hi\r');
    await gateway.until(() => gateway.connections[0].frames.length === 2);
    expect(gateway.connections[0].frames[1]).toBe('0echo hi\r');
  });

  it('sends one RESIZE once the window is still, and none when the size did not change', async () => {
    connect();
    await gateway.until(() => states().includes('connected'));
    for (const columns of [100, 90, 80]) {
      terminal.size = { columns, rows: 30 };
      connection.resize();
    }
    await gateway.until(() => gateway.connections[0].frames.length === 2);
    connection.resize(); // same size again
    await new Promise(r => setTimeout(r, 100));
    expect(gateway.connections[0].frames.slice(1)).toEqual([
      '1{"columns":80,"rows":30}',
    ]);
  });

  it('sends PAUSE past ten pending writes and RESUME below four, as ttyd expects', async () => {
    const chunk = 'x'.repeat(100_001); // each one crosses the 100,000-byte limit
    connect();
    await gateway.until(() => states().includes('connected'));
    const [c] = gateway.connections;
    for (let i = 0; i < 10; i++) c.socket.send(serverFrame('0', chunk));
    await gateway.until(() => terminal.callbacks.length === 10);
    await new Promise(r => setTimeout(r, 50));
    expect(c.frames.slice(1)).toEqual([]); // 10 pending is not more than 10
    c.socket.send(serverFrame('0', chunk));
    await gateway.until(() => c.frames.length === 2);
    expect(c.frames[1]).toBe('2');

    terminal.release(7); // 11 → 4 pending: not yet fewer than four
    await new Promise(r => setTimeout(r, 50));
    expect(c.frames.slice(1)).toEqual(['2']);
    terminal.release(1); // 3 pending
    await gateway.until(() => c.frames.length === 3);
    expect(c.frames.slice(1)).toEqual(['2', '3']);
  });

  it('reconnects with a fresh ticket each time, backing off with jitter, after blips, 4503 and a draining gateway', async () => {
    const closes = [
      (c: GatewayConnection) => c.socket.terminate(), // 1006 at the browser
      (c: GatewayConnection) => c.socket.close(GatewayCloseCode.NOT_READY),
      (c: GatewayConnection) => c.socket.close(1001, 'draining'),
    ];
    gateway.onConnection = c => {
      const refuse = closes[gateway.connections.length - 1];
      if (refuse) c.socket.once('message', () => refuse(c));
      else acceptInit(c);
    };
    connect();
    await gateway.until(() => states().includes('connected'));
    expect(ticketSource).toHaveBeenCalledTimes(4);
    expect(
      gateway.connections.map(c => JSON.parse(c.frames[0]).AuthToken),
    ).toEqual(['ticket-1', 'ticket-2', 'ticket-3', 'ticket-4']);
    // Full jitter with random() = 0.5: half of 40, 80 and then the 100 ms cap.
    expect(statuses.filter(s => s.state === 'reconnecting')).toEqual([
      expect.objectContaining({
        attempt: 1,
        delayMs: 20,
        reason: expect.stringMatching(/lost \(1006\)/),
      }),
      expect.objectContaining({
        attempt: 2,
        delayMs: 40,
        reason: expect.stringMatching(/not ready yet \(4503\)/),
      }),
      expect.objectContaining({
        attempt: 3,
        delayMs: 50,
        reason: 'The gateway is restarting (1001: draining)',
      }),
    ]);
    expect(states()).toEqual([
      'connecting',
      'reconnecting 1',
      'reconnecting 2',
      'reconnecting 3',
      'connected',
    ]);
  });

  it('starts counting attempts again after a connection worked', async () => {
    connect();
    await gateway.until(() => states().includes('connected'));
    gateway.connections[0].socket.terminate();
    await gateway.until(
      () => states().filter(s => s === 'connected').length === 2,
    );
    gateway.connections[1].socket.terminate();
    await gateway.until(
      () => states().filter(s => s === 'connected').length === 3,
    );
    expect(states()).toEqual([
      'connecting',
      'connected',
      'reconnecting 1',
      'connected',
      'reconnecting 1',
      'connected',
    ]);
  });

  it.each([
    [GatewayCloseCode.NO_SESSION, /The session has ended \(4404\)/],
    [GatewayCloseCode.NOT_OWNER, /belongs to someone else \(4403\)/],
    [GatewayCloseCode.IDLE, /after being idle \(4408\)/],
    [1000, /The shell exited \(1000\)/],
  ])('stops for good when the gateway closes with %s', async (code, reason) => {
    gateway.onConnection = c =>
      c.socket.once('message', () => c.socket.close(code));
    connect();
    await gateway.until(() => states().includes('ended'));
    await new Promise(r => setTimeout(r, 150));
    expect(statuses).toEqual([
      { state: 'connecting' },
      {
        state: 'ended',
        reason: expect.stringMatching(reason),
        canReconnect: false,
      },
    ]);
    expect(ticketSource).toHaveBeenCalledTimes(1);
    expect(gateway.connections).toHaveLength(1);
  });

  it('stops when the ticket source says the session ended, without opening a socket', async () => {
    connect({
      getTicket: async () => {
        throw new SessionEndedError('The session has ended: idle');
      },
    });
    await gateway.until(() => states().includes('ended'));
    expect(statuses[1]).toEqual({
      state: 'ended',
      reason: 'The session has ended: idle',
      canReconnect: false,
    });
    expect(gateway.connections).toHaveLength(0);
  });

  it('gives up after the maximum number of attempts, leaving a manual reconnect possible', async () => {
    gateway.onConnection = c =>
      c.socket.once('message', () => c.socket.terminate());
    connect({ maxAttempts: 2, backoff: { initialMs: 10, maxMs: 10 } });
    await gateway.until(() => states().includes('ended'));
    expect(states()).toEqual([
      'connecting',
      'reconnecting 1',
      'reconnecting 2',
      'ended',
    ]);
    expect(statuses[3]).toEqual({
      state: 'ended',
      reason: expect.stringMatching(
        /^Gave up after 2 attempts: The connection was lost/,
      ),
      canReconnect: true,
    });
    expect(gateway.connections).toHaveLength(3);
  });

  it('stays closed after close(), even when the gateway drops it', async () => {
    connect();
    await gateway.until(() => states().includes('connected'));
    connection.close();
    await gateway.until(
      () => gateway.connections[0].socket.readyState === WebSocket.CLOSED,
    );
    await new Promise(r => setTimeout(r, 100));
    expect(ticketSource).toHaveBeenCalledTimes(1);
    expect(states()).toEqual(['connecting', 'connected']);
  });
});
