import { GatewayLogger } from '../observability/logger';
import { SessionStore } from '../store/SessionStore';

/** Options of {@link AsciicastRecorder}. */
export interface RecorderOptions {
  width: number;
  height: number;
  flushMs: number;
  maxChunkBytes: number;
}

/**
 * Records a session as asciicast v2 into `terminal_recording_chunks`: seq 0 the header, then
 * batches of event lines `[t, "o"|"i"|"r", data]`. Events only append to a buffer on the hot
 * path; a timer (or a full buffer) writes a batch, one write at a time, in order.
 */
export class AsciicastRecorder {
  private readonly started = Date.now();
  private readonly outputText = new TextDecoder();
  private readonly inputText = new TextDecoder();
  private lines: string[] = [];
  private size = 0;
  private seq = 0;
  private writing: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly store: SessionStore,
    private readonly sessionId: string,
    private readonly options: RecorderOptions,
    private readonly logger: GatewayLogger,
  ) {
    this.push(
      JSON.stringify({
        version: 2,
        width: options.width,
        height: options.height,
        timestamp: Math.floor(this.started / 1000),
      }),
    );
    this.flush();
    this.timer = setInterval(() => this.flush(), options.flushMs);
    this.timer.unref();
  }

  /** Terminal output (the payload after ttyd's OUTPUT byte). */
  output(bytes: Uint8Array): void {
    this.event('o', this.outputText.decode(bytes, { stream: true }));
  }

  /** Keystrokes (only called when the session records input). */
  input(bytes: Uint8Array): void {
    this.event('i', this.inputText.decode(bytes, { stream: true }));
  }

  resize(columns: number, rows: number): void {
    this.event('r', `${columns}x${rows}`);
  }

  /** Writes what is left; resolves when every batch is stored. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.flush();
    await this.writing;
  }

  private event(kind: 'o' | 'i' | 'r', data: string) {
    if (data === '') return;
    const t = Math.round(Date.now() - this.started) / 1000;
    this.push(JSON.stringify([t, kind, data]));
    if (this.size >= this.options.maxChunkBytes) this.flush();
  }

  private push(line: string) {
    this.lines.push(`${line}\n`);
    this.size += line.length + 1;
  }

  private flush() {
    if (this.lines.length === 0) return;
    const chunk = { seq: this.seq++, data: this.lines.join('') };
    this.lines = [];
    this.size = 0;
    this.writing = this.writing
      .then(() => this.store.appendRecording(this.sessionId, [chunk]))
      .catch(error =>
        this.logger.warn('could not store a recording chunk', {
          seq: chunk.seq,
          error: (error as Error).message,
        }),
      );
  }
}
