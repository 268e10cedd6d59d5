import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { BundleError, BundleSource } from './bundleConfig';

const TIMEOUT_MS = 30_000;

/**
 * Downloads the bundle into memory, refusing redirects (a redirect could leave the allowed
 * hosts), stopping as soon as more than `maxBytes` arrive, and checking the SHA-256 before
 * anything else sees the bytes.
 */
export function downloadBundle(source: BundleSource): Promise<Buffer> {
  const client = source.url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.get(source.url, { timeout: TIMEOUT_MS });
    const fail = (message: string) => {
      req.destroy();
      reject(new BundleError(message));
    };
    req.on('response', res => {
      if (res.statusCode !== 200) {
        res.resume();
        fail(`the bundle download answered HTTP ${res.statusCode}`);
        return;
      }
      const declared = Number(res.headers['content-length']);
      if (declared > source.maxBytes) {
        fail(`the bundle is larger than ${source.maxBytes} bytes`);
        return;
      }
      const hash = createHash('sha256');
      const chunks: Buffer[] = [];
      let received = 0;
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > source.maxBytes) {
          fail(`the bundle is larger than ${source.maxBytes} bytes`);
          return;
        }
        hash.update(chunk);
        chunks.push(chunk);
      });
      res.on('end', () => {
        if (received > source.maxBytes) return;
        const actual = hash.digest();
        const expected = Buffer.from(source.sha256, 'hex');
        if (!timingSafeEqual(actual, expected)) {
          reject(
            new BundleError('the bundle does not match HATCHWAY_BUNDLE_SHA256'),
          );
          return;
        }
        resolve(Buffer.concat(chunks));
      });
      res.on('error', err =>
        reject(new BundleError(`the bundle download failed: ${err.message}`)),
      );
    });
    req.on('timeout', () => fail('the bundle download timed out'));
    req.on('error', err =>
      reject(new BundleError(`the bundle download failed: ${err.message}`)),
    );
  });
}
