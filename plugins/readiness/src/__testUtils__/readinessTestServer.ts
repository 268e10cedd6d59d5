import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ReadinessClient } from '../api/ReadinessClient';

/** A request as the server saw it. */
export interface SeenRequest {
  method?: string;
  url?: string;
  authorization?: string;
  contentType?: string;
  body: string;
}

/** The server's answer: JSON `body`, or `raw` text of `type`. */
export type Reply = {
  status: number;
  body?: unknown;
  raw?: string;
  type?: string;
};

/**
 * A real HTTP server standing in for `/api/readiness` for the tests of a describe block: it
 * starts before them and stops after. Set `reply` to decide each answer (by default
 * `{ items: [] }`); `seen` holds the requests of the current test.
 */
export function useReadinessTestServer() {
  let server: Server;
  const http = {
    baseUrl: '',
    seen: [] as SeenRequest[],
    reply: (_req: IncomingMessage): Reply => ({ status: 200 }),
    /** A client on the discovered base URL, whose fetch adds the user's token as the app's does. */
    client: () =>
      new ReadinessClient({
        discoveryApi: {
          getBaseUrl: async (id: string) =>
            `${http.baseUrl.replace('readiness', id)}`,
        },
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
      }),
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', c => chunks.push(c));
      req.on('end', () => {
        http.seen.push({
          method: req.method,
          url: req.url,
          authorization: req.headers.authorization,
          contentType: req.headers['content-type'],
          body: Buffer.concat(chunks).toString('utf8'),
        });
        const { status, body, raw, type } = http.reply(req);
        res.statusCode = status;
        if (status === 204) {
          res.end();
          return;
        }
        res.setHeader(
          'content-type',
          type ?? 'application/json; charset=utf-8',
        );
        res.end(raw ?? JSON.stringify(body));
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    http.baseUrl = `http://127.0.0.1:${port}/api/readiness`;
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  beforeEach(() => {
    http.seen = [];
    http.reply = () => ({ status: 200, body: { items: [] } });
  });

  return http;
}
