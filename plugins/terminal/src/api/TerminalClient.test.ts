/**
 * @jest-environment node
 */
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { TerminalClient } from './TerminalClient';
import { TerminalApiError } from './TerminalApiError';
import { describeTerminalError } from './describeTerminalError';

interface Seen {
  method?: string;
  url?: string;
  authorization?: string;
  body: string;
}
interface Reply {
  status: number;
  body?: unknown;
  /** A body sent as is, not as JSON. */
  text?: string;
  headers?: Record<string, string>;
}

/** A real HTTP server standing in for `/api/terminal`; `reply` decides each answer. */
describe('TerminalClient', () => {
  let server: Server;
  let baseUrl: string;
  let seen: Seen[];
  let reply: () => Reply;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', c => chunks.push(c));
      req.on('end', () => {
        seen.push({
          method: req.method,
          url: req.url,
          authorization: req.headers.authorization,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        const { status, body, text, headers } = reply();
        res.writeHead(status, {
          'content-type': 'application/json',
          ...headers,
        });
        res.end(
          text ?? (body === undefined ? undefined : JSON.stringify(body)),
        );
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  });
  afterAll(() => new Promise(resolve => server.close(resolve)));
  beforeEach(() => {
    seen = [];
    reply = () => ({ status: 200, body: { items: [] } });
  });

  const client = () =>
    new TerminalClient({
      discoveryApi: { getBaseUrl: async id => `${baseUrl}/${id}` },
      // The app's fetch API adds the user's token; so does this one, to see it arrive.
      fetchApi: {
        fetch: (input, init) =>
          fetch(input, {
            ...init,
            headers: {
              ...(init?.headers as object),
              authorization: 'Bearer user-token',
            },
          }),
      },
    });

  it('lists profiles and sessions from the terminal backend with the user credentials', async () => {
    reply = () => ({ status: 200, body: { items: [{ name: 'shell' }] } });
    expect(await client().listProfiles()).toEqual([{ name: 'shell' }]);
    expect(await client().listSessions()).toEqual([{ name: 'shell' }]);
    expect(seen.map(s => `${s.method} ${s.url}`)).toEqual([
      'GET /api/terminal/profiles',
      'GET /api/terminal/sessions',
    ]);
    expect(seen[0].authorization).toBe('Bearer user-token');
  });

  it('posts a new session as JSON and returns the created session', async () => {
    reply = () => ({ status: 201, body: { id: 's1', state: 'Starting' } });
    const session = await client().createSession({
      profile: 'kubectl',
      vcluster: 'team-a',
    });
    expect(session).toEqual({ id: 's1', state: 'Starting' });
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/api/terminal/sessions',
    });
    expect(JSON.parse(seen[0].body)).toEqual({
      profile: 'kubectl',
      vcluster: 'team-a',
    });
  });

  it('asks for a ticket with a POST whose URL carries no secret, and ends sessions with DELETE', async () => {
    reply = () => ({
      status: 200,
      body: {
        ticket: 'jwt',
        expiresAt: 'x',
        gatewayUrl: 'ws://g/sessions/a b',
      },
    });
    expect((await client().createTicket('a b')).ticket).toBe('jwt');
    reply = () => ({ status: 204 });
    await client().endSession('a b');
    expect(seen.map(s => `${s.method} ${s.url}`)).toEqual([
      'POST /api/terminal/sessions/a%20b/ticket',
      'DELETE /api/terminal/sessions/a%20b',
    ]);
  });

  it('fetches a recording as text with the user credentials, and says when there is none', async () => {
    const cast = '{"version":2,"width":80,"height":24}\n[0.1,"o","$ "]\n';
    reply = () => ({
      status: 200,
      text: cast,
      headers: { 'content-type': 'application/x-asciicast' },
    });
    expect(await client().getRecording('a b')).toBe(cast);
    expect(seen[0]).toMatchObject({
      method: 'GET',
      url: '/api/terminal/sessions/a%20b/recording',
      authorization: 'Bearer user-token',
    });
    reply = () => ({
      status: 404,
      body: {
        error: { name: 'NotFoundError', message: 'Session s has no recording' },
      },
    });
    const error = await client()
      .getRecording('s')
      .catch(e => e);
    expect(error).toMatchObject({
      kind: 'not-found',
      message: 'Session s has no recording',
    });
  });

  it('treats ending a session that is already gone as done', async () => {
    reply = () => ({
      status: 404,
      body: { error: { name: 'NotFoundError', message: 'gone' } },
    });
    await expect(client().endSession('old')).resolves.toBeUndefined();
  });

  it('rejects with a typed error carrying the backend message, kind and Retry-After', async () => {
    reply = () => ({
      status: 503,
      headers: { 'retry-after': '30' },
      body: {
        error: { name: 'ServiceUnavailableError', message: 'cluster full' },
      },
    });
    const error: TerminalApiError = await client()
      .createSession({ profile: 'shell' })
      .catch(e => e);
    expect(error).toBeInstanceOf(TerminalApiError);
    expect(error).toMatchObject({
      kind: 'capacity',
      status: 503,
      errorName: 'ServiceUnavailableError',
      message: 'cluster full',
      retryAfterSeconds: 30,
    });
    expect(describeTerminalError(error)).toBe(
      'The cluster is running as many sessions as it can right now. Try again in 30 seconds. (cluster full)',
    );
  });

  it.each([
    [429, 'user-limit', /reached your limit of open sessions/],
    [400, 'invalid', /The request was refused: nope/],
    [409, 'conflict', /nope \(HTTP 409\)/],
  ] as const)('maps HTTP %s to kind %s', async (status, kind, sentence) => {
    reply = () => ({ status, body: { error: { name: 'E', message: 'nope' } } });
    const error = await client()
      .getSession('s')
      .catch(e => e);
    expect(error.kind).toBe(kind);
    expect(describeTerminalError(error)).toMatch(sentence);
  });

  it('reports an unreachable backend as a network error', async () => {
    const unreachable = new TerminalClient({
      discoveryApi: {
        getBaseUrl: async () => 'http://127.0.0.1:1/api/terminal',
      },
      fetchApi: { fetch },
    });
    const error = await unreachable.listSessions().catch(e => e);
    expect(error.kind).toBe('network');
    expect(describeTerminalError(error)).toMatch(/could not be reached/);
  });
});
