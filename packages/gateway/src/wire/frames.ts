import { createHash } from 'node:crypto';
import { fillRandom } from './randomPool';

/** WebSocket opcodes (RFC 6455 §5.2). */
export const Opcode = {
  CONTINUATION: 0x0,
  TEXT: 0x1,
  BINARY: 0x2,
  CLOSE: 0x8,
  PING: 0x9,
  PONG: 0xa,
} as const;

/** Standard close codes the gateway sends itself. */
export const CloseCode = {
  NORMAL: 1000,
  GOING_AWAY: 1001,
  PROTOCOL_ERROR: 1002,
  TOO_BIG: 1009,
} as const;

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** The `Sec-WebSocket-Accept` value for a `Sec-WebSocket-Key`. */
export function acceptKey(key: string): string {
  return createHash('sha1')
    .update(key + WS_GUID)
    .digest('base64');
}

/**
 * One complete, unfragmented frame. Frames toward a server (the runner) must be masked, frames
 * toward a client (the browser) must not be (RFC 6455 §5.1).
 */
export function encodeFrame(
  opcode: number,
  payload: Uint8Array,
  mask: boolean,
): Buffer {
  const length = payload.length;
  let lengthBytes = 0;
  let len7 = length;
  if (length >= 65536) [lengthBytes, len7] = [8, 127];
  else if (length >= 126) [lengthBytes, len7] = [2, 126];
  const header = Buffer.alloc(2 + lengthBytes + (mask ? 4 : 0));
  header[0] = 0x80 | opcode;
  header[1] = (mask ? 0x80 : 0) | len7;
  if (lengthBytes === 2) header.writeUInt16BE(length, 2);
  if (lengthBytes === 8) header.writeBigUInt64BE(BigInt(length), 2);
  const body = Buffer.from(payload);
  if (mask) {
    const at = 2 + lengthBytes;
    fillRandom(header, at, 4);
    for (let i = 0; i < body.length; i++) body[i] ^= header[at + (i & 3)];
  }
  return Buffer.concat([header, body]);
}

/** A close frame's payload: the code and a UTF-8 reason cut to fit a control frame. */
export function closePayload(code: number, reason: string): Buffer {
  let text = Buffer.from(reason, 'utf8');
  if (text.length > 123) text = text.subarray(0, 123);
  const out = Buffer.alloc(2 + text.length);
  out.writeUInt16BE(code, 0);
  text.copy(out, 2);
  return out;
}

/** Reads a close frame's payload (code 1005 when it carries none). */
export function parseClosePayload(payload: Buffer): {
  code: number;
  reason: string;
} {
  if (payload.length < 2) return { code: 1005, reason: '' };
  return {
    code: payload.readUInt16BE(0),
    reason: payload.subarray(2).toString('utf8'),
  };
}
