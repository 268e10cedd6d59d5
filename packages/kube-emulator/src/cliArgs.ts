import os from 'node:os';
import path from 'node:path';
import type { EmulatorOptions } from './startEmulator';

/** The CLI's help text. */
export const USAGE = `Usage: kube-emulator [options]

  --port N          port to listen on (default 6443; 0 picks a free port)
  --host H          interface to bind (default 127.0.0.1)
  --kubeconfig FILE where to write the kubeconfig (default ~/.kube/kube-emulator.yaml)
  --token T         the admin (superuser) token (default: random)
  --anonymous       accept requests without a token as system:anonymous
  --rbac            enforce RBAC
  --snapshot FILE   keep state in this file across restarts
  --manifests DIR   apply the YAML manifests of this directory at start
  --no-controllers  serve the API only (no kubelet, no Deployment/Job/vCluster controllers)
  --process-pod IMAGE=COMMAND
                    pods whose image is IMAGE really run COMMAND (repeatable)
  --http            serve plain HTTP instead of HTTPS with a self-signed certificate
                    (kubectl sends no bearer tokens over plain HTTP; use with --anonymous)
  --help            show this help
`;

/** Parsed command line. */
export interface CliArgs {
  options: EmulatorOptions;
  kubeconfig: string;
  help: boolean;
}

/** Parses the command line (throws on unknown flags or missing values). */
export function parseArgs(argv: string[]): CliArgs {
  const options: EmulatorOptions = { port: 6443, tls: true };
  let kubeconfig = path.join(os.homedir(), '.kube', 'kube-emulator.yaml');
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--port': {
        const v = value();
        if (!/^\d+$/.test(v))
          throw new Error(`--port must be a number, got ${v}`);
        options.port = Number(v);
        break;
      }
      case '--host':
        options.host = value();
        break;
      case '--kubeconfig':
        kubeconfig = value();
        break;
      case '--token':
        options.adminToken = value();
        break;
      case '--anonymous':
        options.anonymous = true;
        break;
      case '--rbac':
        options.rbac = true;
        break;
      case '--snapshot':
        options.snapshotFile = value();
        break;
      case '--manifests':
        options.manifestsDir = value();
        break;
      case '--no-controllers':
        options.runControllers = false;
        break;
      case '--process-pod': {
        const v = value();
        const eq = v.indexOf('=');
        if (eq <= 0 || eq === v.length - 1)
          throw new Error(`--process-pod needs IMAGE=COMMAND, got ${v}`);
        const [command, ...args] = v
          .slice(eq + 1)
          .split(' ')
          .filter(Boolean);
        options.controllers = {
          ...options.controllers,
          processPods: [
            ...(options.controllers?.processPods ?? []),
            { image: v.slice(0, eq), command, args },
          ],
        };
        break;
      }
      case '--http':
        options.tls = false;
        break;
      case '--help':
      case '-h':
        help = true;
        break;
      default:
        throw new Error(`unknown option ${flag}`);
    }
  }
  return { options, kubeconfig, help };
}
