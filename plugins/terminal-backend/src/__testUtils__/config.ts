import { RunningEmulator } from '@hatchway/kube-emulator';
import { clusterConfig, RUNNER_IMAGE, RUNNER_NAMESPACE } from './emulator';

/** An image whose pods run `sleep`: they never listen on 7681, so never turn Ready. */
export const SLEEPER_IMAGE = 'hatchway/sleeper';
/** An image whose pods only accept TCP on 7681: Ready at once, cheap to run many of. */
export const LISTENER_IMAGE = 'hatchway/listener';

/** Process-pod rules for the two stand-in images above. */
export const STAND_IN_RULES = [
  { image: SLEEPER_IMAGE, command: 'sleep', args: ['3600'] },
  {
    image: LISTENER_IMAGE,
    command: process.execPath,
    args: [
      '-e',
      "require('net').createServer(s => s.end()).listen(7681, process.env.POD_IP)",
    ],
  },
];

export const GATEWAY_URL = 'wss://gateway.test';

/** Test config: profiles `shell` (the dev runner), `stuck`, `team-b-only`, `vc`, `pooled`. */
export function terminalConfig(
  emulator: RunningEmulator,
  overrides: { limits?: object; warmPool?: number; extra?: object } = {},
) {
  return {
    ...clusterConfig(emulator),
    terminal: {
      runnerNamespace: RUNNER_NAMESPACE,
      gateway: { url: `${GATEWAY_URL}/` },
      limits: { perUser: 3, global: 50, ...overrides.limits },
      profiles: {
        shell: {
          title: 'Shell',
          image: RUNNER_IMAGE,
          command: ['bash', '--noprofile', '--norc'],
          env: { PS1: '$ ' },
          recording: true,
        },
        stuck: { title: 'Never ready', image: SLEEPER_IMAGE },
        'team-b-only': {
          title: 'Team B',
          image: SLEEPER_IMAGE,
          allowedGroups: ['group:default/team-b'],
        },
        vc: { title: 'vCluster shell', image: SLEEPER_IMAGE, vcluster: true },
        pooled: {
          title: 'Pooled',
          image: LISTENER_IMAGE,
          warmPool: overrides.warmPool ?? 0,
        },
      },
      ...overrides.extra,
    },
  };
}
