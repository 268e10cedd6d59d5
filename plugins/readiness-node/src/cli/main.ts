/**
 * The `hatchway-readiness` executable: runs {@link runCli} against the real process.
 * Kept apart from run.ts so that importing the library never starts the CLI.
 */
import { runCli } from './run';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

runCli(process.argv.slice(2), {
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
  readStdin,
  cwd: process.cwd(),
}).then(code => {
  // exitCode rather than exit(): lets piped stdout drain before the process ends.
  process.exitCode = code;
});
