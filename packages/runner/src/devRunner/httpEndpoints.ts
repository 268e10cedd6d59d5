import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TtydCredentialCheck } from './upgradeChecks';

const INDEX = `<!doctype html><title>Hatchway dev runner</title>
<p>A dev runner speaking ttyd's protocol: connect a ttyd client to <code>/ws</code>.</p>\n`;

/**
 * ttyd's plain HTTP answers: 401 with a Basic challenge without the credential, `/token` for the
 * web client's AuthToken, a page at `/`, 404 elsewhere.
 */
export function respondToHttp(
  req: IncomingMessage,
  res: ServerResponse,
  credential: TtydCredentialCheck,
): void {
  if (!credential.acceptsHeader(req)) {
    res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="ttyd"' });
    res.end();
    return;
  }
  const { pathname } = new URL(req.url ?? '/', 'http://runner');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' });
    res.end();
  } else if (pathname === '/token') {
    res.writeHead(200, {
      'Content-Type': 'application/json;charset=utf-8',
      'Cache-Control': 'no-store',
    });
    res.end(JSON.stringify({ token: credential.authToken }));
  } else if (pathname === '/') {
    res.writeHead(200, { 'Content-Type': 'text/html;charset=utf-8' });
    res.end(INDEX);
  } else {
    res.writeHead(404);
    res.end();
  }
}
