import { GatewayConfigError, loadGatewayConfig } from './config/load';
import { startGateway } from './gateway/startGateway';
import { createLogger } from './observability/logger';

function configFile(argv: string[]): string | undefined {
  const at = argv.indexOf('--config');
  if (at >= 0) return argv[at + 1];
  const inline = argv.find(a => a.startsWith('--config='));
  return inline?.slice('--config='.length);
}

async function main(argv: string[]) {
  if (argv.includes('--help')) {
    process.stdout.write(
      'usage: hatchway-gateway [--config FILE]\nSee the README for keys and HATCHWAY_GATEWAY_* variables.\n',
    );
    return;
  }
  const config = loadGatewayConfig({
    file: configFile(argv),
    env: process.env,
  });
  const logger = createLogger(config.logLevel);
  const gateway = await startGateway(config, { logger });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('signal received; draining', { signal });
    gateway
      .drain()
      .then(() => gateway.close())
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/**
 * The `hatchway-gateway` command: `hatchway-gateway [--config FILE]`, plus `HATCHWAY_GATEWAY_*`
 * variables. Drains on SIGTERM/SIGINT, then exits; exits 2 on a bad configuration.
 */
export function runGatewayCli(argv: string[]): void {
  main(argv).catch(error => {
    if (error instanceof GatewayConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(
      `hatchway-gateway failed to start: ${(error as Error).message}\n`,
    );
    process.exit(1);
  });
}
