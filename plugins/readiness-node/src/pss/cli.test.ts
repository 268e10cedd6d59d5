import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { runCli } from '../cli/run';
import { deploymentOf } from './__fixtures__/checkCases';
import { app, pod } from './__fixtures__/pods';

const BIN = path.resolve(__dirname, '../../bin/hatchway-readiness');

const hardened = deploymentOf(pod(), 'web');
const rootJob = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'migrate', namespace: 'shop' },
  spec: {
    template: {
      spec: pod(s => {
        delete (s.securityContext as any).runAsNonRoot;
        app(s).runAsUser = 0;
      }).spec,
    },
  },
};
const service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web' },
};
const tuned = deploymentOf(
  pod(s => {
    (s.securityContext as any).sysctls = [
      { name: 'net.ipv4.tcp_rmem', value: '4096 87380 6291456' },
    ];
  }),
  'tuned',
);

let dir: string;
const write = (name: string, objects: object[]) =>
  fs.writeFileSync(
    path.join(dir, name),
    objects.map(o => stringify(o)).join('---\n'),
  );

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pss-cli-'));
  write('app.yaml', [service, hardened, rootJob]);
  fs.mkdirSync(path.join(dir, 'chart'));
  write('chart/hardened.yaml', [hardened]);
  write('chart/tuned.yaml', [tuned]);
  fs.writeFileSync(path.join(dir, 'broken.yaml'), 'kind: Pod\n  metadata: [\n');
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: text => (stdout += text),
    stderr: text => (stderr += text),
    readStdin: async () => stdin,
    cwd: dir,
  });
  return { code, stdout, stderr };
}

describe('hatchway-readiness pss', () => {
  it('exits 0 and says so when every pod template is admitted', async () => {
    expect(await cli(['pss', '-f', 'app.yaml', '--level', 'baseline'])).toEqual(
      {
        code: 0,
        stdout:
          'All pods and pod templates (2) would be admitted at baseline (v1.37).\n',
        stderr: '',
      },
    );
  });

  it('exits 1 and lists each refused object with the controls it breaks', async () => {
    const run = await cli(['pss', '-f', 'app.yaml', '--level', 'restricted']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^OBJECT\s+CONTROL\s+VIOLATION$/);
    expect(lines[1]).toMatch(
      /^Job shop\/migrate\s+runAsNonRoot\s+runAsNonRoot != true \(pod or containers "init", "app" must set securityContext.runAsNonRoot=true\)$/,
    );
    expect(lines[2]).toMatch(
      /^\s+runAsUser\s+runAsUser=0 \(container "app" must not set runAsUser=0\)$/,
    );
    expect(run.stdout).not.toContain('Deployment shop/web');
    expect(lines[lines.length - 1]).toBe(
      '1 of 2 pods and pod templates would be refused at restricted (v1.37).',
    );
  });

  it('prints every verdict as JSON', async () => {
    const run = await cli([
      'pss',
      '-f',
      'app.yaml',
      '--level',
      'restricted',
      '-o',
      'json',
    ]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({
      level: 'restricted',
      requestedVersion: 'latest',
      version: 'v1.37',
      allowed: false,
    });
    expect(report.objects).toEqual([
      {
        resource: {
          kind: 'Deployment',
          name: 'web',
          namespace: 'shop',
          apiVersion: 'apps/v1',
        },
        source: 'app.yaml',
        allowed: true,
        violations: [],
      },
      {
        resource: {
          kind: 'Job',
          name: 'migrate',
          namespace: 'shop',
          apiVersion: 'batch/v1',
        },
        source: 'app.yaml',
        allowed: false,
        violations: [
          expect.objectContaining({
            id: 'runAsNonRoot',
            level: 'restricted',
            name: 'runAsNonRoot != true',
          }),
          {
            id: 'runAsUser',
            level: 'restricted',
            name: 'runAsUser=0',
            message: 'container "app" must not set runAsUser=0',
          },
        ],
      },
    ]);
  });

  it('applies the rules of the version asked for', async () => {
    const older = await cli([
      'pss',
      '-f',
      'chart/tuned.yaml',
      '--level',
      'baseline',
      '--version',
      'v1.31',
    ]);
    expect(older.code).toBe(1);
    expect(older.stdout).toMatch(
      /Deployment shop\/tuned\s+sysctls\s+forbidden sysctls \(net\.ipv4\.tcp_rmem\)/,
    );
    const newer = await cli([
      'pss',
      '-f',
      'chart/tuned.yaml',
      '--level',
      'baseline',
      '--version',
      'v1.32',
    ]);
    expect(newer.code).toBe(0);
    const json = JSON.parse(
      (
        await cli([
          'pss',
          '-f',
          'chart/tuned.yaml',
          '--level',
          'baseline',
          '--version',
          'v1.32',
          '-o',
          'json',
        ])
      ).stdout,
    );
    expect(json).toMatchObject({
      requestedVersion: 'v1.32',
      version: 'v1.32',
      allowed: true,
    });
  });

  it('reads directories and several -f arguments', async () => {
    const run = await cli([
      'pss',
      '-f',
      'chart',
      '-f',
      'app.yaml',
      '--level',
      'baseline',
      '-o',
      'json',
    ]);
    expect(run.code).toBe(0);
    expect(
      JSON.parse(run.stdout).objects.map(
        (o: any) => `${o.source} ${o.resource.name}`,
      ),
    ).toEqual([
      'chart/hardened.yaml web',
      'chart/tuned.yaml tuned',
      'app.yaml web',
      'app.yaml migrate',
    ]);
  });

  it.each([
    [
      ['pss', '-f', 'app.yaml', '--level', 'strict'],
      /^hatchway-readiness: Unknown level "strict"; expected one of privileged, baseline, restricted\.\n/,
    ],
    [
      ['pss', '-f', 'app.yaml'],
      /^hatchway-readiness: pss needs --level baseline or --level restricted\.\n/,
    ],
    [
      ['pss', '-f', 'app.yaml', '--level', 'baseline', '--version', '1.30'],
      /^hatchway-readiness: Unknown version "1\.30"; expected "latest" or v1\.NN/,
    ],
    [
      ['pss', '-f', 'missing.yaml', '--level', 'baseline'],
      /^hatchway-readiness: cannot read missing\.yaml: ENOENT\n$/,
    ],
    [
      ['pss', '-f', 'broken.yaml', '--level', 'baseline'],
      /^hatchway-readiness: broken\.yaml: invalid YAML at line 1, column \d+: /,
    ],
    [
      ['pss', '-f', 'app.yaml', '--level', 'baseline', '-o', 'sarif'],
      /^hatchway-readiness: The pss command prints table or json\./,
    ],
    [
      [
        'pss',
        '-f',
        'app.yaml',
        '--level',
        'baseline',
        '--profile',
        'production',
      ],
      /^hatchway-readiness: pss does not take --profile\./,
    ],
    [
      ['pss', '--level', 'baseline'],
      /^hatchway-readiness: No input: pass -f FILE/,
    ],
    [
      ['scan', '-f', 'app.yaml', '--level', 'baseline'],
      /^hatchway-readiness: --level and --version belong to the pss command\./,
    ],
  ])('exits 2 on %j', async (args, message) => {
    const run = await cli(args as string[]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });

  it('reads stdin through the real executable, as in `helm template … | hatchway-readiness pss -f -`', async () => {
    const input = [hardened, rootJob].map(o => stringify(o)).join('---\n');
    const run = await new Promise<{ code: number | null; stdout: string }>(
      (resolve, reject) => {
        const child = spawn(
          process.execPath,
          [BIN, 'pss', '-f', '-', '--level', 'restricted'],
          { cwd: dir },
        );
        let stdout = '';
        child.stdout.on('data', chunk => (stdout += chunk));
        child.on('error', reject);
        child.on('close', code => resolve({ code, stdout }));
        child.stdin.end(input);
      },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^Job shop\/migrate\s+runAsNonRoot/m);
  }, 30_000);
});
