import { connect, Socket } from 'node:net';
import {
  TTYD_SUBPROTOCOL,
  TTYD_WS_PATH,
  TtydInit,
  encodeInit,
  ttydAuthToken,
} from '@hatchway/plugin-terminal-common';
import { acceptKey, encodeFrame, Opcode } from '../wire/frames';
import { fillRandom } from '../wire/randomPool';
import { ReusedReadBuffer } from '../wire/ReusedReadBuffer';

/** The runner refused or could not be reached; the reason is safe to show. */
export class UpstreamError extends Error {
  readonly name = 'UpstreamError';
}

/** An open WebSocket to ttyd, its first message already sent. */
export interface RunnerConnection {
  socket: Socket;
  /** Bytes ttyd sent right after its 101, to forward to the client. */
  head: Buffer;
  /** What the runner socket reads into; the session sets where its chunks go. */
  reader: ReusedReadBuffer;
}

/** A fresh `Sec-WebSocket-Key`: 16 random bytes, base64. */
function webSocketKey(): string {
  const key = Buffer.allocUnsafe(16);
  fillRandom(key, 0, 16);
  return key.toString('base64');
}

/** A response head longer than this is not ttyd's. */
const MAX_RESPONSE_HEAD_BYTES = 16 * 1024;
const HEAD_END = Buffer.from('\r\n\r\n');

/** The status code and lower-cased headers of an HTTP/1.1 response head. */
function parseResponseHead(
  text: string,
): { status: number; headers: Map<string, string> } | undefined {
  const lines = text.split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})(?: |$)/.exec(lines[0]);
  if (!status) return undefined;
  const headers = new Map<string, string>();
  for (let i = 1; i < lines.length; i++) {
    const colon = lines[i].indexOf(':');
    if (colon <= 0) return undefined;
    const name = lines[i].slice(0, colon).trim().toLowerCase();
    const value = lines[i].slice(colon + 1).trim();
    // Repeated headers are joined, as Node's parser joins them.
    const previous = headers.get(name);
    headers.set(name, previous === undefined ? value : `${previous}, ${value}`);
  }
  return { status: Number(status[1]), headers };
}

/**
 * Opens ttyd's WebSocket on the runner: `ws://<podIp>:<port>/ws`, subprotocol `tty`, the
 * session's credential as `Authorization: Basic` on the upgrade and as the init's `AuthToken`
 * (ttyd wants both), at the client's terminal size. Done by hand on a plain TCP socket — the
 * request written in one go, the response head read up to its blank line — so that no extension
 * is negotiated, the socket can be spliced, and a handshake costs no HTTP client machinery.
 * ttyd hangs up without a response when the header is wrong, which surfaces here as an error.
 */
export function dialRunner(options: {
  podIp: string;
  port: number;
  credential: string;
  size: Pick<TtydInit, 'columns' | 'rows'>;
  timeoutMs: number;
}): Promise<RunnerConnection> {
  const token = ttydAuthToken(options.credential);
  const key = webSocketKey();
  const host = options.podIp.includes(':')
    ? `[${options.podIp}]`
    : options.podIp;
  return new Promise((resolve, reject) => {
    const reader = new ReusedReadBuffer();
    const socket = connect({
      host: options.podIp,
      port: options.port,
      onread: reader.onread,
    });
    let received: Buffer = Buffer.alloc(0);
    let settled = false;
    const fail = (reason: string) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      reject(new UpstreamError(reason));
    };
    const onClose = () => fail('the runner cannot be reached');
    const onTimeout = () => fail('the runner did not answer in time');
    const onData = (chunk: Buffer) => {
      // A copy: the chunk lives in the read buffer, reused by the next read.
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf(HEAD_END);
      if (end === -1) {
        if (received.length > MAX_RESPONSE_HEAD_BYTES) {
          fail('the runner answered with an unexpected handshake');
        }
        return;
      }
      const response = parseResponseHead(
        received.subarray(0, end).toString('latin1'),
      );
      if (!response) {
        fail('the runner answered with an unexpected handshake');
        return;
      }
      if (response.status !== 101) {
        fail(`the runner refused the connection (HTTP ${response.status})`);
        return;
      }
      const { headers } = response;
      if (
        headers.get('sec-websocket-accept') !== acceptKey(key) ||
        headers.get('sec-websocket-protocol') !== TTYD_SUBPROTOCOL ||
        headers.get('sec-websocket-extensions')
      ) {
        fail('the runner answered with an unexpected handshake');
        return;
      }
      settled = true;
      reader.setSink(() => undefined);
      socket.off('close', onClose);
      socket.off('timeout', onTimeout);
      socket.setTimeout(0);
      socket.pause();
      socket.write(
        encodeFrame(
          Opcode.BINARY,
          encodeInit({
            AuthToken: token,
            columns: options.size.columns,
            rows: options.size.rows,
          }),
          true,
        ),
      );
      resolve({
        socket,
        head: received.subarray(end + HEAD_END.length),
        reader,
      });
    };
    // Errors always end in 'close' (handled above, and by the session once spliced); without a
    // listener an error would crash the process.
    socket.on('error', () => undefined);
    socket.on('close', onClose);
    socket.on('timeout', onTimeout);
    reader.setSink(onData);
    socket.setTimeout(options.timeoutMs);
    socket.setNoDelay(true);
    socket.write(
      `GET ${TTYD_WS_PATH} HTTP/1.1\r\n` +
        `Host: ${host}:${options.port}\r\n` +
        'Connection: Upgrade\r\nUpgrade: websocket\r\n' +
        'Sec-WebSocket-Version: 13\r\n' +
        `Sec-WebSocket-Key: ${key}\r\n` +
        `Sec-WebSocket-Protocol: ${TTYD_SUBPROTOCOL}\r\n` +
        `Authorization: Basic ${token}\r\n\r\n`,
    );
  });
}
