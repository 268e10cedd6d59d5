/**
 * A ttyd stand-in for the benchmark, run as a child process: speaks ttyd's framing on `/ws`
 * (title and preferences after the first message), echoes every input frame back as output,
 * and on input `bulk <bytes>` streams that much output in 16 KiB frames with backpressure.
 */
import { AddressInfo } from 'node:net';
import { WebSocketServer, WebSocket } from 'ws';
import {
  decodeClientMessage,
  encodeOutput,
  encodePreferences,
  encodeTitle,
  TTYD_SUBPROTOCOL,
} from '@hatchway/plugin-terminal-common';

/** Output frame payload of the bulk stream. */
export const BULK_FRAME_BYTES = 16 * 1024;
/** Frames a bulk stream keeps written-but-unacknowledged by the socket. */
const IN_FLIGHT_FRAMES = 16;

const bulkFrame = Buffer.from(
  encodeOutput(Buffer.alloc(BULK_FRAME_BYTES, 'x')),
);

function streamBulk(ws: WebSocket, bytes: number) {
  let left = Math.ceil(bytes / BULK_FRAME_BYTES);
  let inFlight = 0;
  const pump = () => {
    while (
      left > 0 &&
      inFlight < IN_FLIGHT_FRAMES &&
      ws.readyState === ws.OPEN
    ) {
      left--;
      inFlight++;
      ws.send(bulkFrame, () => {
        inFlight--;
        pump();
      });
    }
  };
  pump();
}

function serve(ws: WebSocket) {
  let initialized = false;
  ws.on('error', () => undefined);
  ws.on('message', (data: Buffer) => {
    if (!initialized) {
      initialized = true;
      ws.send(encodeTitle('bench (upstream)'));
      ws.send(encodePreferences({}));
      return;
    }
    const message = decodeClientMessage(data);
    if (message.type !== 'input') return;
    const text = Buffer.from(message.data);
    if (text.subarray(0, 5).toString() === 'bulk ') {
      streamBulk(ws, Number(text.subarray(5).toString()));
    } else {
      ws.send(encodeOutput(text));
    }
  });
}

if (require.main === module) {
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    backlog: 4096,
    handleProtocols: p => (p.has(TTYD_SUBPROTOCOL) ? TTYD_SUBPROTOCOL : false),
  });
  wss.on('connection', serve);
  wss.on('listening', () =>
    process.send!({ port: (wss.address() as AddressInfo).port }),
  );
  process.on('disconnect', () => process.exit(0));
}
