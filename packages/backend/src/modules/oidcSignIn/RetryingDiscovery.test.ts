import { mockServices } from '@backstage/backend-test-utils';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { RetryingDiscovery } from './RetryingDiscovery';

/*
 * The retry logic against a real HTTP server that is down, then answers: the value a discovery
 * fetch returns once the server is up, 503s (with the cause) before, and backoff in between.
 */

/** A port nothing listens on yet, and a way to start answering there. */
async function lateServer() {
  const server = http.createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ issuer: 'https://sso.example.com' }));
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise(r => server.close(r));
  let hits = 0;
  server.on('request', () => {
    hits += 1;
  });
  return {
    url: `http://127.0.0.1:${port}/.well-known/openid-configuration`,
    hits: () => hits,
    up: () => new Promise<void>(r => server.listen(port, '127.0.0.1', r)),
    down: () => new Promise(r => server.close(r)),
  };
}

async function fetchIssuer(url: string): Promise<string> {
  const res = await fetch(url);
  return (await res.json()).issuer;
}

describe('RetryingDiscovery', () => {
  it('answers 503 naming the document and the cause while the server is down, then the value once it is up', async () => {
    const server = await lateServer();
    const attempts: number[] = [];
    const discovery = new RetryingDiscovery({
      what: `the OIDC discovery document ${server.url}`,
      first: fetchIssuer(server.url),
      attempt: () => {
        attempts.push(Date.now());
        return fetchIssuer(server.url);
      },
      logger: mockServices.logger.mock(),
      initialDelayMs: 50,
      maxDelayMs: 200,
    });
    try {
      const error = await discovery.get().catch(e => e);
      expect(error.name).toBe('ServiceUnavailableError');
      expect(error.message).toContain(server.url);
      expect(error.message).toMatch(/ECONNREFUSED|fetch failed/);

      // Background retries back off: 50, 100, 200, 200 ms... so a few, not hundreds, in 700 ms.
      await new Promise(r => setTimeout(r, 700));
      expect(attempts.length).toBeGreaterThanOrEqual(3);
      expect(attempts.length).toBeLessThanOrEqual(8);
      const gaps = attempts.slice(1).map((t, i) => t - attempts[i]);
      expect(Math.max(...gaps)).toBeGreaterThanOrEqual(150);

      await server.up();
      expect(await discovery.get()).toBe('https://sso.example.com');
      // Kept for good: no more fetches once it has the value, even with the server gone.
      const hits = server.hits();
      await server.down();
      expect(await discovery.get()).toBe('https://sso.example.com');
      expect(server.hits()).toBe(hits);
    } finally {
      discovery.stop();
    }
  });

  it('fetches once and never again when the server answers at start', async () => {
    const server = await lateServer();
    await server.up();
    let attempts = 0;
    const discovery = new RetryingDiscovery({
      what: 'the document',
      first: fetchIssuer(server.url),
      attempt: () => {
        attempts += 1;
        return fetchIssuer(server.url);
      },
      logger: mockServices.logger.mock(),
    });
    expect(await discovery.get()).toBe('https://sso.example.com');
    expect(await discovery.get()).toBe('https://sso.example.com');
    expect(attempts).toBe(0);
    expect(server.hits()).toBe(1);
    discovery.stop();
    await server.down();
  });
});
