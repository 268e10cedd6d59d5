import { Socket } from 'node:net';
import { FrameHeader, FrameTap } from '../wire/FrameTap';
import { ReusedReadBuffer } from '../wire/ReusedReadBuffer';

/** Bytes queued toward a slow reader before its writer is paused (resumed on 'drain'). */
const PAUSE_ABOVE_BYTES = 1024 * 1024;

/** How one direction watches its frames. */
export interface DirectionTap {
  /** Whether a data frame's payload is needed (recording). */
  capture(header: FrameHeader): boolean;
  onFrame(header: FrameHeader, payload: Buffer | undefined): void;
  onViolation(kind: 'too-big' | 'masking' | 'control-frame'): void;
  onBytes(count: number): void;
}

/**
 * One direction of a spliced session: bytes read from `from` are written to `to` unchanged while
 * a {@link FrameTap} watches the frame headers. Frames of the gateway's own (pings, warnings,
 * close frames) are inserted only between two frames. When `to` is full, `from` is paused until
 * `to` drains, so a slow reader slows its writer instead of filling the gateway's memory.
 */
export class SplicedDirection {
  private readonly tap: FrameTap;
  private readonly pending: Buffer[] = [];
  private endAfterPending = false;
  private stopped = false;
  private readonly onData = (chunk: Buffer) => this.forward(chunk);
  private readonly onDrain = () => {
    if (!this.stopped) this.from.resume();
  };

  constructor(
    private readonly from: Socket,
    private readonly to: Socket,
    private readonly handlers: DirectionTap,
    options: { maxPayload: number; expectMasked: boolean },
    /** Set when `from` reads into a reused buffer (the runner's socket) instead of 'data'. */
    private readonly reader?: ReusedReadBuffer,
  ) {
    this.tap = new FrameTap(handlers, options);
  }

  /** Starts forwarding, first the bytes read before the splice began. */
  start(initial: Buffer): void {
    this.to.on('drain', this.onDrain);
    if (initial.length > 0) this.forward(initial);
    if (this.reader) this.reader.setSink(this.onData);
    else this.from.on('data', this.onData);
    this.from.resume();
  }

  /** Writes a frame of the gateway's own at the next frame boundary. */
  insert(frame: Buffer): void {
    if (this.stopped || this.to.destroyed) return;
    if (this.tap.atBoundary() && this.pending.length === 0) this.write(frame);
    else this.pending.push(frame);
  }

  /**
   * Sends `frame` (a close frame) as the last thing `to` receives, after the frame in flight if
   * any, then stops forwarding and half-closes `to`.
   */
  finishWith(frame: Buffer): void {
    if (this.stopped || this.endAfterPending) return;
    if (this.tap.atBoundary() && this.pending.length === 0) {
      this.write(frame);
      this.stop();
      this.to.end();
      return;
    }
    // Keep forwarding until the frame in flight ends; forward() then sends the close and stops.
    this.pending.push(frame);
    this.endAfterPending = true;
  }

  /** Stops forwarding; the sockets are left to their owner. */
  stop(): void {
    this.stopped = true;
    if (this.reader) this.reader.setSink(() => undefined);
    else this.from.off('data', this.onData);
    this.to.off('drain', this.onDrain);
  }

  private forward(chunk: Buffer) {
    if (this.stopped) return;
    this.splice(chunk);
    // A write that did not complete at once holds the chunk until it does: the next read must
    // not land in the same memory.
    if (this.reader && this.to.writableLength > 0) this.reader.retain();
  }

  private splice(chunk: Buffer) {
    const firstEnd = this.tap.feedToFirstEnd(chunk);
    this.handlers.onBytes(chunk.length);
    if (this.pending.length === 0 || firstEnd < 0) {
      this.write(chunk);
      return;
    }
    // Cut at the first frame end so the gateway's frames go between two whole frames.
    this.write(chunk.subarray(0, firstEnd));
    for (const frame of this.pending.splice(0)) this.write(frame);
    if (this.endAfterPending) {
      this.stop();
      this.to.end();
      return;
    }
    this.write(chunk.subarray(firstEnd));
  }

  private write(bytes: Buffer) {
    if (bytes.length === 0 || this.to.destroyed) return;
    this.to.write(bytes);
    // Pausing at the socket's own 16 KiB mark would stall a busy terminal on every chunk; a
    // larger allowance keeps both sockets streaming while still bounding memory per session.
    if (this.to.writableLength > PAUSE_ABOVE_BYTES) this.from.pause();
  }
}
