import {
  closeSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  symlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { BundleError } from './bundleConfig';
import { readTarEntries, TarEntry } from './tarEntries';

/** Where each member lands, refusing anything that would leave `dest`. */
function inside(dest: string, member: string): string {
  if (
    member.includes('\0') ||
    path.isAbsolute(member) ||
    member.startsWith('\\')
  ) {
    throw new BundleError(
      `the archive member ${JSON.stringify(member)} has an absolute path`,
    );
  }
  if (member.split(/[\\/]/).includes('..')) {
    throw new BundleError(
      `the archive member ${JSON.stringify(member)} climbs out with ..`,
    );
  }
  return path.join(dest, member);
}

/** A link target must resolve (lexically) inside `dest`. */
function linkTargetInside(dest: string, resolved: string, entry: TarEntry) {
  const relative = path.relative(dest, resolved);
  if (
    path.isAbsolute(entry.linkname) ||
    relative.startsWith('..') ||
    path.isAbsolute(relative)
  ) {
    throw new BundleError(
      `the link ${JSON.stringify(entry.path)} points outside the bundle`,
    );
  }
}

/** Regular files keep their owner bits and read/execute for others; never setuid or writable by others. */
const safeMode = (mode: number) => (mode & 0o755) | 0o600;

function writeFile(target: string, entry: TarEntry) {
  // 'wx' fails on anything already there, including a symlink planted by an earlier member.
  const fd = openSync(target, 'wx', safeMode(entry.mode));
  try {
    writeSync(fd, entry.body);
  } finally {
    closeSync(fd);
  }
}

/**
 * Extracts a verified .tar.gz into `dest`: regular files, directories, and links that stay
 * inside; absolute paths, `..`, escaping links, devices and FIFOs are refused before anything is
 * written. Decompression stops at `maxUnpackedBytes` (a gzip bomb is refused, not unpacked).
 */
export function extractTarGz(
  archive: Buffer,
  dest: string,
  maxUnpackedBytes: number,
): string[] {
  let tar: Buffer;
  try {
    tar = gunzipSync(archive, { maxOutputLength: maxUnpackedBytes });
  } catch (err) {
    throw new BundleError(
      `the bundle does not unpack: ${(err as Error).message}`,
    );
  }
  const root = path.resolve(dest);
  const entries = readTarEntries(tar);
  const plan = entries.map(entry => {
    const target = inside(root, entry.path.replace(/^\.\//, ''));
    switch (entry.type) {
      case '0':
      case '7':
      case '5':
        break;
      case '2':
        linkTargetInside(
          root,
          path.resolve(path.dirname(target), entry.linkname),
          entry,
        );
        break;
      case '1':
        linkTargetInside(root, inside(root, entry.linkname), entry);
        break;
      default:
        throw new BundleError(
          `the archive member ${JSON.stringify(
            entry.path,
          )} is not a file, directory or link`,
        );
    }
    return { entry, target };
  });

  mkdirSync(root, { recursive: true });
  const written: string[] = [];
  for (const { entry, target } of plan) {
    if (target === root) continue;
    mkdirSync(path.dirname(target), { recursive: true });
    if (entry.type === '5') {
      mkdirSync(target, { recursive: true, mode: 0o755 });
      continue;
    }
    if (entry.type === '2') {
      symlinkSync(entry.linkname, target);
    } else if (entry.type === '1') {
      const source = inside(root, entry.linkname);
      if (!lstatSync(source).isFile()) {
        throw new BundleError(
          `the hard link ${JSON.stringify(entry.path)} is not to a file`,
        );
      }
      linkSync(source, target);
    } else {
      writeFile(target, entry);
    }
    written.push(path.relative(root, target));
  }
  return written;
}
