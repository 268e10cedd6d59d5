/** A frame's header as the tap saw it. */
export interface FrameHeader {
  fin: boolean;
  opcode: number;
  masked: boolean;
  length: number;
}

/** What the tap reports about the stream it watches. */
export interface FrameTapHandlers {
  /** Whether to collect (and unmask) this data frame's payload; control frames always are. */
  capture(header: FrameHeader): boolean;
  /** A frame has ended; `payload` is set when it was captured. */
  onFrame(header: FrameHeader, payload: Buffer | undefined): void;
  /** The stream broke the protocol (oversized frame, wrong masking); the tap stops parsing. */
  onViolation(kind: 'too-big' | 'masking' | 'control-frame'): void;
}

const HEADER_MAX = 14;

/** Bytes of extended payload length after the second header byte (RFC 6455 §5.2). */
function extendedLengthBytes(len7: number): number {
  if (len7 === 126) return 2;
  if (len7 === 127) return 8;
  return 0;
}

/** Bytes a header takes, from its second byte (mask bit and 7-bit length). */
function headerLengthOf(second: number): number {
  return 2 + extendedLengthBytes(second & 0x7f) + (second & 0x80 ? 4 : 0);
}

/**
 * Watches a stream of WebSocket frames without changing it: reads each frame's header, skips
 * over its payload (collecting it only when asked), and reports where frames end. This is what
 * lets the gateway splice bytes socket to socket yet still see activity, close frames and
 * recorded output, and insert its own frames only between two frames.
 */
export class FrameTap {
  /** A header cut across two chunks is gathered here; made on first need (idle memory). */
  private header: Buffer | undefined;
  private headerFill = 0;
  private current: FrameHeader | undefined;
  private remaining = 0;
  private maskKey: Buffer | undefined;
  private maskOffset = 0;
  private parts: Buffer[] | undefined;
  private broken = false;
  private fragmented = false;

  constructor(
    private readonly handlers: FrameTapHandlers,
    private readonly options: { maxPayload: number; expectMasked: boolean },
  ) {}

  /** True between two frames and outside a fragmented message: a frame may be inserted here. */
  atBoundary(): boolean {
    return !this.current && this.headerFill === 0 && !this.fragmented;
  }

  /** Parses a chunk; returns the offsets in it just after each frame that ended. */
  feed(chunk: Buffer): number[] {
    const ends: number[] = [];
    this.scan(chunk, ends);
    return ends;
  }

  /**
   * Parses a chunk; returns the offset in it just after the first frame that ended, or -1. The
   * splice's per-chunk path: no array per chunk.
   */
  feedToFirstEnd(chunk: Buffer): number {
    return this.scan(chunk, undefined);
  }

  private scan(chunk: Buffer, ends: number[] | undefined): number {
    let first = -1;
    let pos = 0;
    while (pos < chunk.length && !this.broken) {
      if (!this.current) {
        pos = this.readHeader(chunk, pos);
        if (!this.current) break;
      } else {
        const take = Math.min(this.remaining, chunk.length - pos);
        if (this.parts)
          this.parts.push(this.unmask(chunk.subarray(pos, pos + take)));
        pos += take;
        this.remaining -= take;
      }
      if (this.remaining === 0) {
        if (first < 0) first = pos;
        ends?.push(pos);
        this.finish();
      }
    }
    return first;
  }

  private readHeader(chunk: Buffer, start: number): number {
    // Fast path: the whole header is in this chunk, read in place.
    if (this.headerFill === 0 && chunk.length - start >= 2) {
      const needed = headerLengthOf(chunk[start + 1]);
      if (chunk.length - start >= needed) {
        this.startFrame(chunk, start);
        return start + needed;
      }
    }
    let pos = start;
    const header = (this.header ??= Buffer.alloc(HEADER_MAX));
    while (pos < chunk.length && this.headerFill < HEADER_MAX) {
      header[this.headerFill++] = chunk[pos++];
      const needed = this.headerLength();
      if (needed !== undefined && this.headerFill === needed) {
        this.headerFill = 0;
        this.startFrame(header, 0);
        return pos;
      }
    }
    return pos;
  }

  /** Bytes the header takes, once its first two bytes are known. */
  private headerLength(): number | undefined {
    if (this.headerFill < 2) return undefined;
    return headerLengthOf(this.header![1]);
  }

  /** Starts the frame whose header begins at `h[at]` (all of it there). */
  private startFrame(h: Buffer, at: number) {
    const masked = (h[at + 1] & 0x80) !== 0;
    const len7 = h[at + 1] & 0x7f;
    let length = len7;
    if (len7 === 126) length = h.readUInt16BE(at + 2);
    if (len7 === 127) length = Number(h.readBigUInt64BE(at + 2));
    const header: FrameHeader = {
      fin: (h[at] & 0x80) !== 0,
      opcode: h[at] & 0x0f,
      masked,
      length,
    };
    const control = header.opcode >= 0x8;
    if (masked !== this.options.expectMasked) {
      this.violate('masking');
      return;
    }
    if (control && (length > 125 || !header.fin)) {
      this.violate('control-frame');
      return;
    }
    if (length > this.options.maxPayload) {
      this.violate('too-big');
      return;
    }
    this.current = header;
    this.remaining = length;
    this.parts = control || this.handlers.capture(header) ? [] : undefined;
    // The key is copied only for a payload that is collected: most frames are just skipped.
    const keyAt = at + 2 + extendedLengthBytes(len7);
    this.maskKey =
      masked && this.parts
        ? Buffer.from(h.subarray(keyAt, keyAt + 4))
        : undefined;
    this.maskOffset = 0;
    if (!control) this.fragmented = !header.fin;
  }

  /** The payload bytes in a buffer of their own (the chunk's memory may be read into again). */
  private unmask(slice: Buffer): Buffer {
    if (!this.maskKey) return Buffer.from(slice);
    const out = Buffer.allocUnsafe(slice.length);
    for (let i = 0; i < slice.length; i++) {
      out[i] = slice[i] ^ this.maskKey[(this.maskOffset + i) & 3];
    }
    this.maskOffset += slice.length;
    return out;
  }

  private finish() {
    const header = this.current!;
    const payload = this.parts ? Buffer.concat(this.parts) : undefined;
    this.current = undefined;
    this.parts = undefined;
    this.handlers.onFrame(header, payload);
  }

  private violate(kind: 'too-big' | 'masking' | 'control-frame') {
    this.broken = true;
    this.handlers.onViolation(kind);
  }
}
