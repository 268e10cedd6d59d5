/**
 * What the CLI reads from and writes to, so tests and other tools can run it in-process.
 * @public
 */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<string>;
  /** Directory relative paths are resolved against. */
  cwd: string;
  /** Default: the current time. */
  now?: Date;
}
