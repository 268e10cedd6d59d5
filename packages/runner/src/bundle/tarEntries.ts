import { BundleError } from './bundleConfig';

/** One member of a tar archive. */
export interface TarEntry {
  path: string;
  /** ustar type flag: '0' file, '5' directory, '2' symlink, '1' hard link, others refused later. */
  type: string;
  mode: number;
  linkname: string;
  body: Buffer;
}

const BLOCK = 512;

function field(block: Buffer, offset: number, length: number): string {
  const raw = block.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString('utf8');
}

function octal(block: Buffer, offset: number, length: number): number {
  const text = field(block, offset, length).trim();
  if (!/^[0-7]*$/.test(text))
    throw new BundleError('the archive has a malformed header');
  return text ? parseInt(text, 8) : 0;
}

function paxPath(body: Buffer): string | undefined {
  // Records are "<length> <key>=<value>\n".
  for (const record of body.toString('utf8').split('\n')) {
    const match = /^\d+ path=(.*)$/.exec(record);
    if (match) return match[1];
  }
  return undefined;
}

/**
 * Lists the members of an uncompressed tar (ustar, with GNU long names and pax `path` records),
 * checking every header's checksum.
 */
export function readTarEntries(tar: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  let nextPath: string | undefined;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every(b => b === 0)) break;
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i];
    if (sum !== octal(header, 148, 8))
      throw new BundleError('the archive has a bad header checksum');
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] || 48);
    const body = tar.subarray(offset + BLOCK, offset + BLOCK + size);
    if (body.length < size) throw new BundleError('the archive is truncated');
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'L') {
      nextPath = field(body, 0, body.length);
      continue;
    }
    if (type === 'x') {
      nextPath = paxPath(body) ?? nextPath;
      continue;
    }
    if (type === 'g') continue;
    const prefix = field(header, 345, 155);
    const name = field(header, 0, 100);
    entries.push({
      path: nextPath ?? (prefix ? `${prefix}/${name}` : name),
      type,
      mode: octal(header, 100, 8),
      linkname: field(header, 157, 100),
      body,
    });
    nextPath = undefined;
  }
  return entries;
}
