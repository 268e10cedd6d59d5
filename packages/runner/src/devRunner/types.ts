/** Where the dev runner reports what happens; fields are structured, never a secret. */
export interface DevRunnerLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

/** A logger that drops everything (the default for programmatic use). */
export const silentLogger: DevRunnerLogger = {
  info() {},
  warn() {},
};

/** A terminal of a given size, as the client's first message asks for. */
export interface PtySize {
  columns: number;
  rows: number;
}
