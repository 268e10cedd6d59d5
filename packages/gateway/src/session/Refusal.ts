import { Socket } from 'node:net';
import { GatewayCloseCode } from '@hatchway/plugin-terminal-common';
import { closePayload, encodeFrame, Opcode } from '../wire/frames';

/** Close code for a user over their handshake rate or session cap. */
export const TOO_MANY_CLOSE_CODE = GatewayCloseCode.TOO_MANY;

/**
 * A refusal after the upgrade: the WebSocket close code and reason the client sees, and a short
 * `result` label for metrics. Reasons never contain a ticket or credential.
 */
export class Refusal extends Error {
  readonly name = 'Refusal';
  constructor(
    readonly code: number,
    readonly reason: string,
    readonly result: string,
  ) {
    super(reason);
  }
}

/**
 * Sends a close frame to a client that is not being spliced (still in the handshake) and ends
 * the connection; a client that never finishes the close is cut off after a second.
 */
export function closeClient(
  socket: Socket,
  code: number,
  reason: string,
): void {
  if (socket.destroyed) return;
  socket.end(encodeFrame(Opcode.CLOSE, closePayload(code, reason), false));
  setTimeout(() => socket.destroy(), 1000).unref();
}
