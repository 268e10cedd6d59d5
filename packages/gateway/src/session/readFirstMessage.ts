import { Socket } from 'node:net';
import {
  GatewayCloseCode,
  TtydInit,
  decodeInit,
} from '@hatchway/plugin-terminal-common';
import { FrameHeader, FrameTap } from '../wire/FrameTap';
import { CloseCode, Opcode } from '../wire/frames';
import { Refusal } from './Refusal';

/** ttyd's init message and the bytes the client sent after it (already whole frames or parts). */
export interface FirstMessage {
  init: TtydInit;
  rest: Buffer;
}

const NOT_INIT = () =>
  new Refusal(
    GatewayCloseCode.PROTOCOL,
    'the first message must be ttyd init JSON',
    'protocol',
  );
const CLOSED = () =>
  new Refusal(CloseCode.NORMAL, 'closed before the first message', 'closed');

/** What the first frame means: the init, or why the connection is refused. */
function interpret(
  header: FrameHeader,
  payload: Buffer,
  rest: Buffer,
): FirstMessage | Refusal {
  if (header.opcode === Opcode.CLOSE) return CLOSED();
  if (
    (header.opcode !== Opcode.BINARY && header.opcode !== Opcode.TEXT) ||
    !header.fin
  ) {
    return NOT_INIT();
  }
  try {
    return { init: decodeInit(payload), rest };
  } catch {
    return NOT_INIT();
  }
}

/** Reads the first frame off a socket once; see {@link readFirstMessage}. */
class FirstMessageReader {
  private first: { header: FrameHeader; payload: Buffer } | undefined;
  private violation: Refusal | undefined;
  private readonly tap: FrameTap;
  private readonly timer: NodeJS.Timeout;
  private readonly onData = (chunk: Buffer) => this.read(chunk);
  private readonly onClose = () => this.finish(CLOSED());

  constructor(
    private readonly socket: Socket,
    options: { maxPayload: number; timeoutMs: number },
    private readonly settle: (outcome: FirstMessage | Refusal) => void,
  ) {
    this.tap = new FrameTap(
      {
        capture: () => true,
        onFrame: (header, payload) => {
          this.first ??= { header, payload: payload ?? Buffer.alloc(0) };
        },
        onViolation: kind => {
          this.violation =
            kind === 'too-big'
              ? new Refusal(
                  CloseCode.TOO_BIG,
                  'the message is too big',
                  'too_big',
                )
              : new Refusal(
                  CloseCode.PROTOCOL_ERROR,
                  'invalid frame',
                  'protocol',
                );
        },
      },
      { maxPayload: options.maxPayload, expectMasked: true },
    );
    this.timer = setTimeout(
      () =>
        this.finish(
          new Refusal(
            GatewayCloseCode.PROTOCOL,
            'no first message in time',
            'timeout',
          ),
        ),
      options.timeoutMs,
    );
    socket.on('data', this.onData);
    socket.on('close', this.onClose);
  }

  read(chunk: Buffer): void {
    const ends = this.tap.feed(chunk);
    if (this.violation) this.finish(this.violation);
    else if (this.first) {
      this.finish(
        interpret(
          this.first.header,
          this.first.payload,
          chunk.subarray(ends[0]),
        ),
      );
    }
  }

  private finish(outcome: FirstMessage | Refusal) {
    clearTimeout(this.timer);
    this.socket.off('data', this.onData);
    this.socket.off('close', this.onClose);
    this.socket.pause();
    this.settle(outcome);
  }
}

/**
 * Reads ttyd's first message — the init JSON carrying the ticket as `AuthToken` — from a freshly
 * upgraded client socket, then pauses the socket so nothing more is read until the checks pass.
 * Bytes after the first frame are handed back untouched, to be forwarded once the runner is up.
 */
export function readFirstMessage(
  socket: Socket,
  head: Buffer,
  options: { maxPayload: number; timeoutMs: number },
): Promise<FirstMessage> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const reader = new FirstMessageReader(socket, options, outcome => {
      if (settled) return;
      settled = true;
      if (outcome instanceof Refusal) reject(outcome);
      else resolve(outcome);
    });
    socket.resume();
    if (head.length > 0) reader.read(head);
  });
}
