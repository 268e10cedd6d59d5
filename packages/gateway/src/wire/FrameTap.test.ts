import { encodeFrame, Opcode } from './frames';
import { FrameHeader, FrameTap } from './FrameTap';

function tapOf(options: { maxPayload?: number; expectMasked?: boolean } = {}) {
  const frames: Array<{ header: FrameHeader; payload?: string }> = [];
  const violations: string[] = [];
  const tap = new FrameTap(
    {
      capture: () => true,
      onFrame: (header, payload) =>
        frames.push({ header, payload: payload?.toString() }),
      onViolation: kind => violations.push(kind),
    },
    {
      maxPayload: options.maxPayload ?? 65536,
      expectMasked: options.expectMasked ?? false,
    },
  );
  return { tap, frames, violations };
}

describe('FrameTap', () => {
  it('finds frame ends across arbitrary chunk cuts and unmasks client payloads', () => {
    const { tap, frames } = tapOf({ expectMasked: true });
    const a = encodeFrame(Opcode.BINARY, Buffer.from('0hello'), true);
    const b = encodeFrame(Opcode.BINARY, Buffer.alloc(300, 0x61), true);
    const stream = Buffer.concat([a, b]);
    const ends: number[] = [];
    let offset = 0;
    for (const cut of [1, 3, a.length - 4, 2, stream.length]) {
      const chunk = stream.subarray(
        offset,
        Math.min(offset + cut, stream.length),
      );
      for (const end of tap.feed(chunk)) ends.push(offset + end);
      offset += chunk.length;
      if (offset >= stream.length) break;
    }
    expect(ends).toEqual([a.length, stream.length]);
    expect(frames.map(f => f.payload)).toEqual(['0hello', 'a'.repeat(300)]);
    expect(tap.atBoundary()).toBe(true);
  });

  it('is not at a boundary inside a frame or a fragmented message', () => {
    const { tap } = tapOf();
    const frame = encodeFrame(Opcode.BINARY, Buffer.from('0abc'), false);
    tap.feed(frame.subarray(0, 3));
    expect(tap.atBoundary()).toBe(false);
    tap.feed(frame.subarray(3));
    expect(tap.atBoundary()).toBe(true);
    const first = Buffer.from(frame);
    first[0] &= 0x7f; // FIN off: the message continues in another frame.
    tap.feed(first);
    expect(tap.atBoundary()).toBe(false);
  });

  it('reports a frame above the limit from its header alone', () => {
    const { tap, violations } = tapOf({ maxPayload: 1024 });
    tap.feed(
      encodeFrame(Opcode.BINARY, Buffer.alloc(2048), false).subarray(0, 4),
    );
    expect(violations).toEqual(['too-big']);
  });

  it('reports unmasked frames from a client', () => {
    const { tap, violations } = tapOf({ expectMasked: true });
    tap.feed(encodeFrame(Opcode.BINARY, Buffer.from('0x'), false));
    expect(violations).toEqual(['masking']);
  });
});
