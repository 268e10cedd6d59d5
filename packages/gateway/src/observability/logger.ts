/** Log levels in increasing severity. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const RANK: Record<LogLevel, number> = {
  debug: 10,
  info: 20,
  warn: 30,
  error: 40,
};

/** Fields of a log line: plain values only; never a ticket, credential or terminal data. */
export type LogFields = Record<
  string,
  string | number | boolean | undefined | null
>;

/** A structured logger writing one JSON object per line. */
export interface GatewayLogger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger whose lines all carry `fields` (e.g. the session id and user). */
  child(fields: LogFields): GatewayLogger;
}

/** Creates a JSON-lines logger; `write` defaults to stdout. */
export function createLogger(
  level: LogLevel,
  write: (line: string) => void = line => process.stdout.write(line),
  base: LogFields = {},
): GatewayLogger {
  const min = RANK[level];
  const emit = (lvl: LogLevel, message: string, fields?: LogFields) => {
    if (RANK[lvl] < min) return;
    write(
      `${JSON.stringify({
        time: new Date().toISOString(),
        level: lvl,
        message,
        ...base,
        ...fields,
      })}\n`,
    );
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: fields => createLogger(level, write, { ...base, ...fields }),
  };
}
