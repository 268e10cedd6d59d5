import {
  decodeServerMessage,
  encodeInit,
  encodeInput,
  encodeResize,
  TTYD_PORT,
  TTYD_SUBPROTOCOL,
  TTYD_WS_PATH,
  ttydAuthToken,
} from '@hatchway/plugin-terminal-common';
import WebSocket from 'ws';

/**
 * Connects straight to a runner pod as the gateway does: subprotocol `tty`, the Basic header on
 * the upgrade, the AuthToken in the first message. Collects the terminal output.
 */
export async function connectToRunner(
  podIp: string,
  credential: string,
  size = { columns: 80, rows: 24 },
) {
  const ws = new WebSocket(
    `ws://${podIp}:${TTYD_PORT}${TTYD_WS_PATH}`,
    [TTYD_SUBPROTOCOL],
    { headers: { Authorization: `Basic ${ttydAuthToken(credential)}` } },
  );
  let output = '';
  let firstOutputAt: number | undefined;
  ws.on('message', (data: Buffer) => {
    const message = decodeServerMessage(data);
    if (message.type === 'output') {
      firstOutputAt ??= Date.now();
      output += Buffer.from(message.data).toString('utf8');
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.send(encodeInit({ AuthToken: ttydAuthToken(credential), ...size }));
  return {
    type: (text: string) => ws.send(encodeInput(text)),
    resize: (columns: number, rows: number) =>
      ws.send(encodeResize({ columns, rows })),
    output: () => output,
    firstOutputAt: () => firstOutputAt,
    async waitFor(
      pattern: RegExp,
      timeoutMs = 10_000,
    ): Promise<RegExpMatchArray> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = output.match(pattern);
        if (match) return match;
        if (Date.now() > deadline) {
          throw new Error(
            `No ${pattern} in output: ${JSON.stringify(output.slice(-300))}`,
          );
        }
        await new Promise(r => setTimeout(r, 20));
      }
    },
    close: () =>
      new Promise<void>(resolve => {
        ws.once('close', () => resolve());
        ws.close();
        setTimeout(() => {
          ws.terminate();
          resolve();
        }, 1000).unref();
      }),
  };
}
