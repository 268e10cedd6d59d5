import {
  createHash,
  generateKeyPairSync,
  randomBytes,
  sign,
} from 'node:crypto';
import { isIP } from 'node:net';

/**
 * A self-signed serving certificate, made without dependencies: a minimal DER encoder for the
 * X.509 structures Go's TLS stack needs (SANs for every host, CA + serverAuth so the
 * certificate can be its own trust root in a kubeconfig).
 */

const der = (tag: number, content: Buffer): Buffer => {
  const len = content.length;
  let header: Buffer;
  if (len < 0x80) header = Buffer.from([tag, len]);
  else {
    const bytes: number[] = [];
    for (let n = len; n > 0; n >>= 8) bytes.unshift(n & 0xff);
    header = Buffer.from([tag, 0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([header, content]);
};
const seq = (...items: Buffer[]) => der(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => der(0x31, Buffer.concat(items));
const ctx = (n: number, content: Buffer) => der(0xa0 + n, content);
const octets = (b: Buffer) => der(0x04, b);
const bits = (b: Buffer, unused = 0) =>
  der(0x03, Buffer.concat([Buffer.from([unused]), b]));
const bool = (v: boolean) => der(0x01, Buffer.from([v ? 0xff : 0x00]));
const utf8 = (s: string) => der(0x0c, Buffer.from(s, 'utf8'));

function integer(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0 && b[i + 1] < 0x80) i++;
  const v = b.subarray(i);
  return der(0x02, v[0] >= 0x80 ? Buffer.concat([Buffer.from([0]), v]) : v);
}

function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const out = [parts[0] * 40 + parts[1]];
  for (const p of parts.slice(2)) {
    const chunk: number[] = [];
    let n = p;
    do {
      chunk.unshift(n & 0x7f);
      n = Math.floor(n / 128);
    } while (n > 0);
    for (let i = 0; i < chunk.length - 1; i++) chunk[i] |= 0x80;
    out.push(...chunk);
  }
  return der(0x06, Buffer.from(out));
}

function utcTime(d: Date): Buffer {
  const p = (n: number) => String(n).padStart(2, '0');
  const s = `${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(
    d.getUTCDate(),
  )}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  return der(0x17, Buffer.from(s, 'ascii'));
}

function ipBytes(ip: string): Buffer {
  if (isIP(ip) === 4) return Buffer.from(ip.split('.').map(Number));
  const [head, tail = ''] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return Buffer.from(
    groups.flatMap(g => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]),
  );
}

const extension = (id: string, critical: boolean, value: Buffer) =>
  critical
    ? seq(oid(id), bool(true), octets(value))
    : seq(oid(id), octets(value));

/** PEM certificate and key for the given host names / IPs, valid for ten years. */
export function selfSignedCertificate(
  hosts: string[],
  commonName = 'kube-emulator',
): { cert: string; key: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ec', {
    namedCurve: 'prime256v1',
  });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const algorithm = seq(oid('1.2.840.10045.4.3.2')); // ecdsa-with-SHA256
  const name = seq(set(seq(oid('2.5.4.3'), utf8(commonName))));
  const now = Date.now();
  const names = [...new Set(hosts)].map(h =>
    isIP(h) ? der(0x87, ipBytes(h)) : der(0x82, Buffer.from(h, 'ascii')),
  );
  const extensions = seq(
    extension('2.5.29.15', true, bits(Buffer.from([0xa4]), 2)), // digitalSignature, keyEncipherment, keyCertSign
    extension(
      '2.5.29.37',
      false,
      seq(oid('1.3.6.1.5.5.7.3.1'), oid('1.3.6.1.5.5.7.3.2')),
    ),
    extension('2.5.29.19', true, seq(bool(true))),
    extension(
      '2.5.29.14',
      false,
      octets(createHash('sha1').update(spki).digest()),
    ),
    extension('2.5.29.17', false, seq(...names)),
  );
  const tbs = seq(
    ctx(0, integer(Buffer.from([2]))),
    integer(Buffer.concat([Buffer.from([0x01]), randomBytes(15)])),
    algorithm,
    name,
    seq(
      utcTime(new Date(now - 3600_000)),
      utcTime(new Date(now + 10 * 365 * 86400_000)),
    ),
    name,
    spki,
    ctx(3, extensions),
  );
  const signature = sign('sha256', tbs, privateKey);
  const certDer = seq(tbs, algorithm, bits(signature));
  const b64 = certDer.toString('base64').replace(/(.{64})/g, '$1\n');
  return {
    cert: `-----BEGIN CERTIFICATE-----\n${b64.trim()}\n-----END CERTIFICATE-----\n`,
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}
