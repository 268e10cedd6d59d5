import {
  ClientCommand,
  ServerCommand,
  decodeClientMessage,
} from '@hatchway/plugin-terminal-common';
import { AsciicastRecorder } from '../recording/AsciicastRecorder';
import { FrameHeader } from '../wire/FrameTap';
import { Opcode } from '../wire/frames';

/** Whether a frame carries a message's bytes (as opposed to ping, pong or close). */
export function isDataFrame(header: FrameHeader): boolean {
  return (
    header.opcode === Opcode.BINARY ||
    header.opcode === Opcode.TEXT ||
    header.opcode === Opcode.CONTINUATION
  );
}

/**
 * Follows ttyd messages across fragments: the command byte is the first byte of a message's
 * first frame; continuation frames carry more of the same message.
 */
function commandTracker() {
  let command = '';
  return (
    header: FrameHeader,
    payload: Buffer,
  ): { command: string; data: Buffer } => {
    if (header.opcode !== Opcode.CONTINUATION) {
      command = payload.length > 0 ? String.fromCharCode(payload[0]) : '';
      return { command, data: payload.subarray(1) };
    }
    return { command, data: payload };
  };
}

/** Feeds the runner's OUTPUT messages to the recorder. */
export function recordRunnerFrames(recorder: AsciicastRecorder) {
  const next = commandTracker();
  return (header: FrameHeader, payload: Buffer) => {
    const { command, data } = next(header, payload);
    if (command === ServerCommand.OUTPUT) recorder.output(data);
  };
}

/** Feeds the client's resizes (and, when asked, its input) to the recorder. */
export function recordClientFrames(
  recorder: AsciicastRecorder,
  recordInput: boolean,
) {
  const next = commandTracker();
  return (header: FrameHeader, payload: Buffer) => {
    const { command, data } = next(header, payload);
    if (command === ClientCommand.INPUT && recordInput) recorder.input(data);
    if (command === ClientCommand.RESIZE_TERMINAL && header.fin) {
      try {
        const message = decodeClientMessage(
          Buffer.concat([Buffer.from(command), data]),
        );
        if (message.type === 'resize')
          recorder.resize(message.columns, message.rows);
      } catch {
        // A malformed resize is ttyd's to refuse; the recording just skips it.
      }
    }
  };
}
