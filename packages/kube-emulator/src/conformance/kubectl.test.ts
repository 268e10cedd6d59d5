import {
  execFile,
  spawn,
  ChildProcessWithoutNullStreams,
} from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { RunningApiServer } from '../startApiServer';
import { Clients, eventually, pod, startTestServer } from './harness';

const KUBECTL = path.resolve(__dirname, '../../../../.tools/bin/kubectl');

const MANIFEST = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels: {app: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports: [{containerPort: 80}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg, namespace: shop}
data: {a: "1"}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 80}]
`;

describe('kubectl against the emulator', () => {
  let server: RunningApiServer;
  let c: Clients;
  let dir: string;
  let adminConfig: string;
  let aliceConfig: string;
  const children: ChildProcessWithoutNullStreams[] = [];

  const kubectl = (args: string[], config = adminConfig) =>
    new Promise<{ code: number; stdout: string; stderr: string }>(resolve => {
      execFile(
        KUBECTL,
        [`--kubeconfig=${config}`, `--cache-dir=${dir}/cache`, ...args],
        { timeout: 20000 },
        (err, stdout, stderr) =>
          resolve({
            code: err ? Number((err as any).code ?? 1) : 0,
            stdout,
            stderr,
          }),
      );
    });
  const stream = (args: string[]) => {
    const child = spawn(KUBECTL, [
      `--kubeconfig=${adminConfig}`,
      `--cache-dir=${dir}/cache`,
      ...args,
    ]);
    children.push(child);
    const out = {
      text: '',
      exited: new Promise<number | null>(r =>
        child.on('exit', code => r(code)),
      ),
    };
    child.stdout.on('data', d => (out.text += d.toString()));
    child.stderr.on('data', d => (out.text += d.toString()));
    return out;
  };

  beforeAll(async () => {
    if (!existsSync(KUBECTL)) {
      throw new Error(
        `kubectl not found at ${KUBECTL}; run \`. scripts/bootstrap.sh\` (ensure_kube_tools) to install it`,
      );
    }
    // TLS: kubectl sends bearer tokens only over https.
    ({ server, ...c } = await startTestServer({
      tls: true,
      rbac: true,
      tokens: { 'alice-token': 'alice' },
    }));
    dir = await mkdtemp(path.join(os.tmpdir(), 'kube-emulator-kubectl-'));
    adminConfig = path.join(dir, 'admin.yaml');
    aliceConfig = path.join(dir, 'alice.yaml');
    await server.writeKubeConfig(adminConfig);
    await server.writeKubeConfig(aliceConfig, 'alice');
  });
  afterAll(async () => {
    children.forEach(ch => ch.kill('SIGKILL'));
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('applies a multi-document manifest, and re-applies it as unchanged', async () => {
    const file = path.join(dir, 'shop.yaml');
    await writeFile(file, MANIFEST);
    const first = await kubectl(['apply', '-f', file]);
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe(
      'namespace/shop created\ndeployment.apps/web created\nconfigmap/cfg created\nservice/web created\n',
    );
    const second = await kubectl(['apply', '-f', file]);
    expect(second.stdout).toBe(
      'namespace/shop unchanged\ndeployment.apps/web unchanged\nconfigmap/cfg unchanged\nservice/web unchanged\n',
    );
    await writeFile(file, MANIFEST.replace('replicas: 2', 'replicas: 3'));
    const third = await kubectl(['apply', '-f', file]);
    expect(third.stdout).toContain('deployment.apps/web configured');
    expect(
      (
        await c.apps.readNamespacedDeployment({
          namespace: 'shop',
          name: 'web',
        })
      ).spec?.replicas,
    ).toBe(3);
  });

  it('gets objects as JSON and as a table', async () => {
    const res = await kubectl([
      'get',
      'deployment',
      'web',
      '-n',
      'shop',
      '-o',
      'json',
    ]);
    expect(res.code).toBe(0);
    const obj = JSON.parse(res.stdout);
    expect(obj).toMatchObject({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop', generation: 2 },
      spec: { replicas: 3 },
    });
    const table = await kubectl(['get', 'svc', '-n', 'shop']);
    expect(table.stdout.split('\n')[0].split(/\s+/)).toEqual([
      'NAME',
      'TYPE',
      'CLUSTER-IP',
      'EXTERNAL-IP',
      'PORT(S)',
      'AGE',
    ]);
    expect(table.stdout).toMatch(
      /^web\s+ClusterIP\s+10\.96\.\d+\.\d+\s+<none>\s+80\/TCP\s+\d+s$/m,
    );
  });

  it('sees a change with get -w', async () => {
    const watch = stream([
      'get',
      'configmap',
      'cfg',
      '-n',
      'shop',
      '-w',
      '-o',
      'jsonpath={.data.a}{"\\n"}',
    ]);
    await eventually(() => watch.text === '1\n', 10000);
    await c.core.replaceNamespacedConfigMap({
      namespace: 'shop',
      name: 'cfg',
      body: { metadata: { name: 'cfg' }, data: { a: '2' } },
    });
    await eventually(() => watch.text === '1\n2\n', 10000);
    expect(watch.text.split('\n')).toEqual(['1', '2', '']);
  });

  it('deletes', async () => {
    const res = await kubectl(['delete', 'configmap', 'cfg', '-n', 'shop']);
    expect(res.stdout).toBe('configmap "cfg" deleted\n');
    const after = await kubectl(['get', 'configmap', 'cfg', '-n', 'shop']);
    expect(after.code).toBe(1);
    expect(after.stderr).toBe(
      'Error from server (NotFound): configmaps "cfg" not found\n',
    );
  });

  it('follows logs with logs -f until the pod finishes', async () => {
    const p = await c.core.createNamespacedPod({
      namespace: 'shop',
      body: pod('logger', { spec: { nodeName: 'node' } }),
    });
    await c.core.replaceNamespacedPodStatus({
      namespace: 'shop',
      name: 'logger',
      body: { ...p, status: { phase: 'Running' } },
    });
    server.appendPodLog('shop', 'logger', 'app', 'hello\n');
    const logs = stream(['logs', '-f', 'logger', '-n', 'shop']);
    await eventually(() => logs.text === 'hello\n', 10000);
    server.appendPodLog('shop', 'logger', 'app', 'world\n');
    await eventually(() => logs.text === 'hello\nworld\n', 10000);
    const current = await c.core.readNamespacedPod({
      namespace: 'shop',
      name: 'logger',
    });
    await c.core.replaceNamespacedPodStatus({
      namespace: 'shop',
      name: 'logger',
      body: { ...current, status: { phase: 'Succeeded' } },
    });
    expect(await logs.exited).toBe(0);
  });

  it('creates a job', async () => {
    const res = await kubectl([
      'create',
      'job',
      'hello',
      '--image=busybox:1.36',
      '-n',
      'shop',
      '--',
      'echo',
      'hi',
    ]);
    expect(res.stdout).toBe('job.batch/hello created\n');
    const job = await c.batch.readNamespacedJob({
      namespace: 'shop',
      name: 'hello',
    });
    expect(job.spec?.template.spec?.restartPolicy).toBe('Never');
    expect(job.spec?.template.spec?.containers[0].command).toEqual([
      'echo',
      'hi',
    ]);
    expect(job.metadata?.managedFields?.[0].manager).toBe('kubectl-create');
  });

  it('answers auth can-i with RBAC on', async () => {
    const no = await kubectl(
      ['auth', 'can-i', 'list', 'pods', '-n', 'shop'],
      aliceConfig,
    );
    expect(no.stdout.trim()).toBe('no');
    expect(no.code).toBe(1);
    const forbidden = await kubectl(['get', 'pods', '-n', 'shop'], aliceConfig);
    expect(forbidden.stderr).toBe(
      'Error from server (Forbidden): pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "shop"\n',
    );
    await kubectl([
      'create',
      'rolebinding',
      'alice-view',
      '--clusterrole=view',
      '--user=alice',
      '-n',
      'shop',
    ]);
    const yes = await kubectl(
      ['auth', 'can-i', 'list', 'pods', '-n', 'shop'],
      aliceConfig,
    );
    expect(yes.stdout.trim()).toBe('yes');
    expect(yes.code).toBe(0);
    const stillNo = await kubectl(
      ['auth', 'can-i', 'delete', 'deployments', '-n', 'shop'],
      aliceConfig,
    );
    expect(stillNo.stdout.trim()).toBe('no');
    const whoami = await kubectl(
      ['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}'],
      aliceConfig,
    );
    expect(whoami.stdout).toBe('alice');
  });

  it('server-side applies with conflicts and --force-conflicts', async () => {
    const file = path.join(dir, 'ssa.yaml');
    await writeFile(
      file,
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ssa, namespace: shop}\ndata: {k: "1"}\n',
    );
    expect(
      (
        await kubectl([
          'apply',
          '--server-side',
          '--field-manager=one',
          '-f',
          file,
        ])
      ).stdout,
    ).toBe('configmap/ssa serverside-applied\n');
    await writeFile(
      file,
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ssa, namespace: shop}\ndata: {k: "2"}\n',
    );
    const conflict = await kubectl([
      'apply',
      '--server-side',
      '--field-manager=two',
      '-f',
      file,
    ]);
    expect(conflict.code).not.toBe(0);
    expect(conflict.stderr).toContain(
      'Apply failed with 1 conflict: conflict with "one": .data.k',
    );
    expect(
      (
        await kubectl([
          'apply',
          '--server-side',
          '--field-manager=two',
          '--force-conflicts',
          '-f',
          file,
        ])
      ).code,
    ).toBe(0);
    expect(
      (await c.core.readNamespacedConfigMap({ namespace: 'shop', name: 'ssa' }))
        .data,
    ).toEqual({ k: '2' });
  });
});
