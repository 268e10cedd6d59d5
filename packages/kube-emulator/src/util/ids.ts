import { randomUUID, randomBytes } from 'node:crypto';

/** A fresh object uid, formatted like the API server's (RFC 4122 v4). */
export function newUid(): string {
  return randomUUID();
}

// The alphabet the API server uses for generateName suffixes: no vowels, no look-alikes.
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A random suffix for generateName (5 characters, like the real name generator). */
export function randomSuffix(length = 5): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i] % ALPHABET.length];
  return out;
}

/** A random bearer token (hex). */
export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString('hex');
}
