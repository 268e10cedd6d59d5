import { encodePause, encodeResume } from '@hatchway/plugin-terminal-common';

/** Where output goes: xterm's `write`, whose callback fires once the data is parsed. */
export interface TerminalOutput {
  write(data: Uint8Array, callback?: () => void): void;
}

/** ttyd's client flow-control thresholds. */
export interface FlowControlOptions {
  /** Bytes written without callbacks before one write is tracked. */
  limit: number;
  /** PAUSE when more than this many tracked writes are pending. */
  highWater: number;
  /** RESUME when fewer than this many remain. */
  lowWater: number;
}

/** ttyd's own values (html/src/components/terminal/xterm/index.ts). */
export const TTYD_FLOW_CONTROL: FlowControlOptions = {
  limit: 100_000,
  highWater: 10,
  lowWater: 4,
};

/**
 * ttyd's browser flow control: count written bytes; past `limit`, write with a callback and
 * track it as pending; ask the server to PAUSE reading the PTY while more than `highWater`
 * writes are pending and to RESUME when fewer than `lowWater` remain. Unlike ttyd's client,
 * PAUSE and RESUME are sent once per crossing rather than on every write, which the server
 * treats the same and which keeps the socket quiet while xterm catches up.
 */
export class FlowControl {
  private written = 0;
  private pending = 0;
  private paused = false;

  constructor(
    private readonly output: TerminalOutput,
    private readonly send: (frame: Uint8Array) => void,
    private readonly options: FlowControlOptions = TTYD_FLOW_CONTROL,
  ) {}

  /** Writes server output to the terminal, pausing the server when the terminal lags. */
  write(data: Uint8Array): void {
    this.written += data.length;
    if (this.written <= this.options.limit) {
      this.output.write(data);
      return;
    }
    this.written = 0;
    this.pending += 1;
    this.output.write(data, () => {
      this.pending = Math.max(this.pending - 1, 0);
      if (this.paused && this.pending < this.options.lowWater) {
        this.paused = false;
        this.send(encodeResume());
      }
    });
    if (!this.paused && this.pending > this.options.highWater) {
      this.paused = true;
      this.send(encodePause());
    }
  }
}
