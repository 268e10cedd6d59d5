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

/**
 * Watches a stream of WebSocket frames without changing it: reads each frame's header, skips
 * over its payload (collecting it only when asked), and reports where frames end. This is what
 * lets the gateway splice bytes socket to socket yet still see activity, close frames and
 * recorded output, and insert its own frames only between two frames.
 */
export class FrameTap {
  private header = Buffer.alloc(HEADER_MAX);
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
    let pos = 0;
    while (pos < chunk.length && !this.broken) {
      if (!this.current) {
        pos = this.readHeader(chunk, pos);
        if (!this.current) break;
        if (this.remaining === 0) this.finish(ends, pos);
        continue;
      }
      const take = Math.min(this.remaining, chunk.length - pos);
      if (this.parts)
        this.parts.push(this.unmask(chunk.subarray(pos, pos + take)));
      pos += take;
      this.remaining -= take;
      if (this.remaining === 0) this.finish(ends, pos);
    }
    return ends;
  }

  private readHeader(chunk: Buffer, start: number): number {
    let pos = start;
    while (pos < chunk.length && this.headerFill < HEADER_MAX) {
      this.header[this.headerFill++] = chunk[pos++];
      const needed = this.headerLength();
      if (needed !== undefined && this.headerFill === needed) {
        this.startFrame();
        return pos;
      }
    }
    return pos;
  }

  /** Bytes the header takes, once its first two bytes are known. */
  private headerLength(): number | undefined {
    if (this.headerFill < 2) return undefined;
    const len7 = this.header[1] & 0x7f;
    const extra = extendedLengthBytes(len7);
    return 2 + extra + (this.header[1] & 0x80 ? 4 : 0);
  }

  private startFrame() {
    const h = this.header;
    const masked = (h[1] & 0x80) !== 0;
    const len7 = h[1] & 0x7f;
    let length = len7;
    if (len7 === 126) length = h.readUInt16BE(2);
    if (len7 === 127) length = Number(h.readBigUInt64BE(2));
    const header: FrameHeader = {
      fin: (h[0] & 0x80) !== 0,
      opcode: h[0] & 0x0f,
      masked,
      length,
    };
    this.headerFill = 0;
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
    const keyAt = 2 + extendedLengthBytes(len7);
    this.maskKey = masked
      ? Buffer.from(h.subarray(keyAt, keyAt + 4))
      : undefined;
    this.maskOffset = 0;
    this.current = header;
    this.remaining = length;
    this.parts = control || this.handlers.capture(header) ? [] : undefined;
    if (!control) this.fragmented = !header.fin;
  }

  private unmask(slice: Buffer): Buffer {
    if (!this.maskKey) return slice;
    const out = Buffer.allocUnsafe(slice.length);
    for (let i = 0; i < slice.length; i++) {
      out[i] = slice[i] ^ this.maskKey[(this.maskOffset + i) & 3];
    }
    this.maskOffset += slice.length;
    return out;
  }

  private finish(ends: number[], pos: number) {
    const header = this.current!;
    const payload = this.parts ? Buffer.concat(this.parts) : undefined;
    this.current = undefined;
    this.parts = undefined;
    ends.push(pos);
    this.handlers.onFrame(header, payload);
  }

  private violate(kind: 'too-big' | 'masking' | 'control-frame') {
    this.broken = true;
    this.handlers.onViolation(kind);
  }
}
