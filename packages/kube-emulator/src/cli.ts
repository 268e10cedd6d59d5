import path from 'node:path';
import { promises as fs } from 'node:fs';
import { startEmulator } from './startEmulator';
import { CliArgs, parseArgs, USAGE } from './cliArgs';

/** kube-emulator command: start the API server, write a kubeconfig, stop cleanly on signals. */
async function main(): Promise<void> {
  let args: CliArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`kube-emulator: ${(e as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }
  const emulator = await startEmulator(args.options);
  const server = emulator.server;
  await fs.mkdir(path.dirname(args.kubeconfig), { recursive: true });
  await server.writeKubeConfig(args.kubeconfig);

  process.stdout.write(
    `kube-emulator listening on ${server.url}\nkubeconfig written to ${args.kubeconfig}\n`,
  );
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`received ${signal}, shutting down\n`);
    await emulator.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

// Loaded by bin/kube-emulator: running is the module's only purpose.
main().catch(e => {
  process.stderr.write(
    `kube-emulator: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`,
  );
  process.exit(1);
});
