import { Asciicast, parseSize } from './asciicast';

/** Where the replay writes: the player's terminal. */
export interface ReplaySink {
  write(data: string): void;
  resize(cols: number, rows: number): void;
  /** Clears the screen, to replay from the start. */
  reset(): void;
}

/** What the controls show. */
export interface ReplayState {
  status: 'paused' | 'playing' | 'ended';
  /** Seconds into the recording. */
  position: number;
  speed: number;
}

/**
 * Replays a cast's events into a sink in real time (times `speed`), with play, pause and
 * speed. One timer at a time, set for the next event; the position follows the clock.
 */
export class CastReplay {
  private index = 0;
  private status: ReplayState['status'] = 'paused';
  private speed = 1;
  /** The position when the clock last started or stopped. */
  private anchorPosition = 0;
  private anchorTime = 0;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly cast: Asciicast,
    private readonly sink: ReplaySink,
    private readonly onChange: (state: ReplayState) => void = () => {},
  ) {}

  get state(): ReplayState {
    return {
      status: this.status,
      position: this.position(),
      speed: this.speed,
    };
  }

  play(): void {
    if (this.status === 'playing') return;
    if (this.status === 'ended') {
      this.sink.reset();
      this.sink.resize(this.cast.width, this.cast.height);
      this.index = 0;
      this.anchorPosition = 0;
    }
    this.status = 'playing';
    this.anchorTime = Date.now();
    this.step();
  }

  pause(): void {
    if (this.status !== 'playing') return;
    this.anchorPosition = this.position();
    this.status = 'paused';
    this.clearTimer();
    this.changed();
  }

  setSpeed(speed: number): void {
    this.anchorPosition = this.position();
    this.anchorTime = Date.now();
    this.speed = speed;
    if (this.status === 'playing') {
      this.clearTimer();
      this.step();
    } else {
      this.changed();
    }
  }

  dispose(): void {
    this.clearTimer();
  }

  private position(): number {
    if (this.status !== 'playing') return this.anchorPosition;
    return (
      this.anchorPosition + ((Date.now() - this.anchorTime) / 1000) * this.speed
    );
  }

  /** Writes every event that is due, then waits for the next one. */
  private step(): void {
    this.timer = undefined;
    const now = this.position();
    const { events } = this.cast;
    while (this.index < events.length && events[this.index].time <= now) {
      const event = events[this.index++];
      if (event.kind === 'o') {
        this.sink.write(event.data);
      } else {
        const size = parseSize(event.data);
        if (size) this.sink.resize(size.cols, size.rows);
      }
    }
    if (this.index >= events.length) {
      this.anchorPosition = this.cast.duration;
      this.status = 'ended';
    } else {
      const wait = ((events[this.index].time - now) / this.speed) * 1000;
      this.timer = setTimeout(() => this.step(), Math.max(0, wait));
    }
    this.changed();
  }

  private clearTimer() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private changed() {
    this.onChange(this.state);
  }
}
