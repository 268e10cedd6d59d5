/**
 * Ends a session after a stretch without input or output, warning first. Activity only stamps a
 * time; one timer re-checks when the warning or the end would be due, so a busy session costs
 * no timer work per frame.
 */
export class IdleWatch {
  private last = Date.now();
  private timer: NodeJS.Timeout | undefined;
  private warned = false;

  constructor(
    private readonly timeoutMs: number,
    private readonly warningMs: number,
    private readonly handlers: {
      onWarning(secondsLeft: number): void;
      onIdle(): void;
    },
  ) {}

  start(): void {
    this.schedule();
  }

  /** Input or output happened. */
  touch(): void {
    this.last = Date.now();
    this.warned = false;
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule() {
    const warnAt = this.last + this.timeoutMs - this.warningMs;
    const endAt = this.last + this.timeoutMs;
    const next = this.warned || this.warningMs === 0 ? endAt : warnAt;
    this.timer = setTimeout(() => this.check(), Math.max(0, next - Date.now()));
    this.timer.unref();
  }

  private check() {
    const now = Date.now();
    const endAt = this.last + this.timeoutMs;
    if (now >= endAt) {
      this.timer = undefined;
      this.handlers.onIdle();
      return;
    }
    if (!this.warned && this.warningMs > 0 && now >= endAt - this.warningMs) {
      this.warned = true;
      this.handlers.onWarning(Math.ceil((endAt - now) / 1000));
    }
    this.schedule();
  }
}
