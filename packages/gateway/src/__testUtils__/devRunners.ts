import { randomBytes } from 'node:crypto';
import { RunningDevRunner, startDevRunner } from '@hatchway/runner';

/**
 * Dev runners (ttyd's protocol over tmux + bash) standing in for runner pods. The gateway dials
 * one port for every pod, as in a cluster, so pods differ by loopback address: 127.0.0.2,
 * 127.0.0.3, … all on the port of the first.
 */
export class DevRunnerPods {
  private readonly runners: RunningDevRunner[] = [];
  port = 0;

  /** Starts a pod at `ip` with its own ttyd credential. */
  async start(
    ip: string,
    credential = `hatchway:${randomBytes(8).toString('hex')}`,
  ) {
    const runner = await startDevRunner({
      host: ip,
      port: this.port,
      credential,
      writable: true,
      command: ['bash', '--norc', '--noprofile'],
      hostname: 'runner',
    });
    this.port = runner.port;
    this.runners.push(runner);
    return { runner, credential, ip };
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.runners.splice(0).map(r => r.close()));
  }
}
