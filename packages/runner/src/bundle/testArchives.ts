import http from 'node:http';
import { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

/** A member for {@link tarGz}: type '0' file, '5' dir, '2' symlink, '1' hard link, '3' char device. */
export interface TestMember {
  path: string;
  type?: string;
  body?: string;
  linkname?: string;
  mode?: number;
}

function header(member: TestMember, size: number): Buffer {
  const block = Buffer.alloc(512);
  const put = (text: string, offset: number, length: number) =>
    block.write(text.slice(0, length), offset, length, 'utf8');
  put(member.path, 0, 100);
  put(`${(member.mode ?? 0o644).toString(8).padStart(7, '0')}\0`, 100, 8);
  put('0000000\0', 108, 8);
  put('0000000\0', 116, 8);
  put(`${size.toString(8).padStart(11, '0')}\0`, 124, 12);
  put('00000000000\0', 136, 12);
  put(member.type ?? '0', 156, 1);
  put(member.linkname ?? '', 157, 100);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  block.fill(32, 148, 156);
  const sum = block.reduce((a, b) => a + b, 0);
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return block;
}

/**
 * Builds a .tar.gz member by member, including members no honest archiver writes (absolute
 * paths, `..`, escaping links, devices), to test that extraction refuses them.
 */
export function tarGz(members: TestMember[]): Buffer {
  const blocks: Buffer[] = [];
  for (const member of members) {
    const body = Buffer.from(member.body ?? '');
    blocks.push(header(member, body.length), body);
    blocks.push(Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

/** A local file server: path → body; `/redirect` answers 302, `/chunked/*` has no length. */
export function serve(files: Record<string, Buffer>) {
  const server = http.createServer((req, res) => {
    const url = req.url ?? '';
    if (url === '/redirect') {
      res.writeHead(302, { Location: '/bundle.tgz' }).end();
      return;
    }
    const body = files[url.replace('/chunked', '')];
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    if (url.startsWith('/chunked')) {
      res.writeHead(200, { 'Transfer-Encoding': 'chunked' });
      for (let i = 0; i < body.length; i += 256)
        res.write(body.subarray(i, i + 256));
      res.end();
    } else {
      res.writeHead(200, { 'Content-Length': body.length }).end(body);
    }
  });
  return new Promise<{ base: string; close(): void }>(resolve =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => server.close(),
      }),
    ),
  );
}
