import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { Socket } from 'node:net';
import {
  TTYD_SUBPROTOCOL,
  TTYD_WS_PATH,
  TtydInit,
  encodeInit,
  ttydAuthToken,
} from '@hatchway/plugin-terminal-common';
import { acceptKey, encodeFrame, Opcode } from '../wire/frames';

/** The runner refused or could not be reached; the reason is safe to show. */
export class UpstreamError extends Error {
  readonly name = 'UpstreamError';
}

/** An open WebSocket to ttyd, its first message already sent. */
export interface RunnerConnection {
  socket: Socket;
  /** Bytes ttyd sent right after its 101, to forward to the client. */
  head: Buffer;
}

/**
 * Opens ttyd's WebSocket on the runner: `ws://<podIp>:<port>/ws`, subprotocol `tty`, the
 * session's credential as `Authorization: Basic` on the upgrade and as the init's `AuthToken`
 * (ttyd wants both), at the client's terminal size. Done by hand so that no extension is
 * negotiated and the socket can be spliced. ttyd hangs up without a response when the header
 * is wrong, which surfaces here as an error.
 */
export function dialRunner(options: {
  podIp: string;
  port: number;
  credential: string;
  size: Pick<TtydInit, 'columns' | 'rows'>;
  timeoutMs: number;
}): Promise<RunnerConnection> {
  const token = ttydAuthToken(options.credential);
  const key = randomBytes(16).toString('base64');
  return new Promise((resolve, reject) => {
    const req = request({
      host: options.podIp,
      port: options.port,
      path: TTYD_WS_PATH,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': key,
        'Sec-WebSocket-Protocol': TTYD_SUBPROTOCOL,
        Authorization: `Basic ${token}`,
      },
      timeout: options.timeoutMs,
    });
    const fail = (reason: string) => {
      req.destroy();
      reject(new UpstreamError(reason));
    };
    req.on('timeout', () => fail('the runner did not answer in time'));
    req.on('error', () => fail('the runner cannot be reached'));
    req.on('response', res => {
      res.resume();
      fail(`the runner refused the connection (HTTP ${res.statusCode})`);
    });
    req.on('upgrade', (res, socket: Socket, head: Buffer) => {
      req.setTimeout(0);
      if (
        res.headers['sec-websocket-accept'] !== acceptKey(key) ||
        res.headers['sec-websocket-protocol'] !== TTYD_SUBPROTOCOL ||
        res.headers['sec-websocket-extensions']
      ) {
        socket.destroy();
        reject(
          new UpstreamError('the runner answered with an unexpected handshake'),
        );
        return;
      }
      // Errors always end in 'close', which the session handles; without a listener an
      // error would crash the process.
      socket.on('error', () => undefined);
      socket.setNoDelay(true);
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
      resolve({ socket, head });
    });
    req.end();
  });
}
