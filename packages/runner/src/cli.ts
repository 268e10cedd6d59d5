import { parseDevRunnerArgs, DevRunnerUsageError } from './cliArgs';
import { startDevRunner } from './devRunner/startDevRunner';
import { writableHome } from './devRunner/ptyEnvironment';
import { installBundleFromEnv } from './bundle/installBundle';
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
  // One HOME for the bundle and the shell, so the bundle's ~/bin is the shell's.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: writableHome(process.env.HOME),
  };
  const installed = await installBundleFromEnv(env, { home: env.HOME });
  if (installed) {
    // The host only: a signed URL's query may be a credential.
    const host = new URL(env.HATCHWAY_BUNDLE_URL!).host;
    stderrLogger.info('CLI bundle installed', {
      host,
      files: installed.length,
    });
  }
  const logTimings = process.env.HATCHWAY_RUNNER_TIMINGS === '1';
  const runner = await startDevRunner({
    ...options,
    env,
    logger: stderrLogger,
    logTimings,
  });
  if (logTimings) {
    // Debug aid for bench/terminal: when this process started and what its start cost.
    const cpu = process.cpuUsage();
    stderrLogger.info('start timings', {
      at: Date.now(),
      sinceProcessStartMs: Math.round(process.uptime() * 1000),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    });
  }
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
