import { parseDevRunnerArgs, DevRunnerUsageError } from './cliArgs';
import { startDevRunner } from './devRunner/startDevRunner';
import type { DevRunnerLogger } from './devRunner/types';

/** One JSON line per event on stderr; fields never include the credential. */
const stderrLogger: DevRunnerLogger = {
  info: (message, fields) =>
    process.stderr.write(
      `${JSON.stringify({ level: 'info', message, ...fields })}\n`,
    ),
  warn: (message, fields) =>
    process.stderr.write(
      `${JSON.stringify({ level: 'warn', message, ...fields })}\n`,
    ),
};

async function main() {
  let options;
  try {
    options = parseDevRunnerArgs(process.argv.slice(2), process.env);
  } catch (err) {
    if (!(err instanceof DevRunnerUsageError)) throw err;
    process.stderr.write(`hatchway-dev-runner: ${err.message}\n`);
    process.exit(2);
  }
  const runner = await startDevRunner({ ...options, logger: stderrLogger });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    stderrLogger.info('stopping', { signal });
    runner.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGHUP', () => stop('SIGHUP'));
}

main().catch(err => {
  process.stderr.write(`hatchway-dev-runner: ${err?.message ?? err}\n`);
  process.exit(1);
});
