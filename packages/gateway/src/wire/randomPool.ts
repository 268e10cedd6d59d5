import { randomBytes } from 'node:crypto';

/**
 * Random bytes for WebSocket keys and masks, drawn from the CSPRNG 4 KiB at a time: one call
 * into it per few hundred handshakes instead of one per key or frame. Each byte is handed out
 * once.
 */
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

/** Copies `length` (≤ 4096) fresh random bytes into `target` at `at`. */
export function fillRandom(target: Buffer, at: number, length: number): void {
  if (offset + length > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  pool.copy(target, at, offset, offset + length);
  offset += length;
}
