import { Socket } from 'node:net';
import {
  GatewayCloseCode,
  TtydInit,
  decodeInit,
} from '@hatchway/plugin-terminal-common';
import { FrameTap } from '../wire/FrameTap';
import { CloseCode, Opcode } from '../wire/frames';
import { Refusal } from './Refusal';

/** ttyd's init message and the bytes the client sent after it (already whole frames or parts). */
export interface FirstMessage {
  init: TtydInit;
  rest: Buffer;
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
    let frame: { opcode: number; fin: boolean; payload?: Buffer } | undefined;
    let violation: Refusal | undefined;
    const tap = new FrameTap(
      {
        capture: () => true,
        onFrame: (header, payload) => {
          frame ??= { opcode: header.opcode, fin: header.fin, payload };
        },
        onViolation: kind => {
          violation =
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
    const finish = (error: Refusal | undefined, value?: FirstMessage) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
      socket.pause();
      if (error) reject(error);
      else resolve(value!);
    };
    const onData = (chunk: Buffer) => {
      const ends = tap.feed(chunk);
      if (violation) return finish(violation);
      if (!frame) return undefined;
      const rest = chunk.subarray(ends[0]);
      if (frame.opcode === Opcode.CLOSE) {
        return finish(
          new Refusal(
            CloseCode.NORMAL,
            'closed before the first message',
            'closed',
          ),
        );
      }
      if (
        (frame.opcode !== Opcode.BINARY && frame.opcode !== Opcode.TEXT) ||
        !frame.fin
      ) {
        return finish(
          new Refusal(
            GatewayCloseCode.PROTOCOL,
            'the first message must be ttyd init JSON',
            'protocol',
          ),
        );
      }
      try {
        return finish(undefined, { init: decodeInit(frame.payload!), rest });
      } catch {
        return finish(
          new Refusal(
            GatewayCloseCode.PROTOCOL,
            'the first message must be ttyd init JSON',
            'protocol',
          ),
        );
      }
    };
    const onClose = () =>
      finish(
        new Refusal(
          CloseCode.NORMAL,
          'closed before the first message',
          'closed',
        ),
      );
    const timer = setTimeout(
      () =>
        finish(
          new Refusal(
            GatewayCloseCode.PROTOCOL,
            'no first message in time',
            'timeout',
          ),
        ),
      options.timeoutMs,
    );
    socket.on('data', onData);
    socket.on('close', onClose);
    socket.resume();
    if (head.length > 0) onData(head);
  });
}
