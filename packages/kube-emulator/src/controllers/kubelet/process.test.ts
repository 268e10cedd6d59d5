import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { Log } from '@kubernetes/client-node';
import type { V1Pod } from '@kubernetes/client-node';
import { PassThrough } from 'node:stream';
import {
  TestCluster,
  eventually,
  startTestCluster,
} from '../__testUtils__/cluster';
import { PROCESS_POD_VOLUMES_ROOT } from './volumes';

const ns = 'default';

// A tiny "image": serves HTTP on $HOST:<port> once it has printed its greeting.
const SERVER = `
const [port, mode] = process.argv.slice(1);
if (mode === 'exit') { console.log('exiting with', process.env.EXIT_CODE); process.exit(Number(process.env.EXIT_CODE)); }
console.log('hello from', process.env.POD_NAME, 'in', process.env.POD_NAMESPACE, 'greeting', process.env.GREETING, 'secret', process.env.SECRET_WORD);
process.on('SIGTERM', () => { console.log('bye'); process.exit(0); });
require('http').createServer((req, res) => res.end('pod ' + process.env.POD_IP)).listen(Number(port), process.env.HOST);
`;

// Another "image": reports what it finds at the paths its pod spec mounts, then stays up.
const FILES = `
const fs = require('fs');
fs.writeFileSync(process.env.HOME + '/written', 'mine');
console.log(JSON.stringify({
  home: process.env.HOME,
  homeWritable: fs.readFileSync(process.env.HOME + '/written', 'utf8'),
  kubeconfig: fs.readFileSync(process.env.KUBECONFIG, 'utf8'),
  viaHome: fs.readFileSync(process.env.HOME + '/.kube/config', 'utf8'),
  settings: fs.readFileSync(process.env.SETTINGS_DIR + '/mode', 'utf8'),
  mounts: JSON.parse(process.env.KUBE_EMULATOR_MOUNTS).length,
}));
setInterval(() => {}, 1000);
`;

describe('process pods', () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startTestCluster({
      enabled: { deployments: false, statefulsets: false, jobs: false },
      processPods: [
        {
          image: 'hatchway/test-server',
          command: process.execPath,
          args: ['-e', SERVER],
          env: { GREETING: 'hi' },
        },
        {
          image: 'hatchway/test-files',
          command: process.execPath,
          args: ['-e', FILES],
        },
      ],
    });
    await cluster.core.createNamespacedSecret({
      namespace: ns,
      body: { metadata: { name: 'words' }, stringData: { word: 'swordfish' } },
    });
  });
  afterAll(async () => {
    await cluster.stop();
  });

  const pod = (
    name: string,
    args: string[],
    extra: Partial<V1Pod['spec']> = {},
  ): V1Pod => ({
    metadata: { name },
    spec: {
      containers: [
        {
          name: 'server',
          image: 'hatchway/test-server:1.0',
          args,
          env: [
            {
              name: 'SECRET_WORD',
              valueFrom: { secretKeyRef: { name: 'words', key: 'word' } },
            },
          ],
          readinessProbe: {
            httpGet: { path: '/', port: 'http' as any },
            periodSeconds: 1,
          },
          ports: [{ name: 'http', containerPort: Number(args[0]) }],
        },
      ],
      ...extra,
    },
  });
  const read = (name: string) =>
    cluster.core.readNamespacedPod({ name, namespace: ns });
  const get = (url: string) =>
    new Promise<string>((resolve, reject) => {
      http
        .get(url, res => {
          let body = '';
          res.on('data', chunk => (body += chunk));
          res.on('end', () => resolve(body));
        })
        .on('error', reject);
    });

  it('runs the command bound to the pod IP, Ready once its probe passes, output in pods/log', async () => {
    await cluster.core.createNamespacedPod({
      namespace: ns,
      body: pod('server', ['8080']),
    });
    const ready = await eventually(
      async () => {
        const p = await read('server');
        return (
          p.status?.conditions?.find(c => c.type === 'Ready')?.status ===
            'True' && p
        );
      },
      5000,
      'process pod Ready',
    );
    const ip = ready.status!.podIP!;
    expect(ip).toMatch(/^127\.1\./);
    expect(await get(`http://${ip}:8080/`)).toBe(`pod ${ip}`);

    // Recorded, so that an emulator started after this one is killed can end it.
    const recordFile = path.join(
      PROCESS_POD_VOLUMES_ROOT,
      ready.metadata!.uid!,
      'processes',
      'server.json',
    );
    const record = JSON.parse(fs.readFileSync(recordFile, 'utf8'));
    expect(record).toEqual({
      pid: expect.any(Number),
      owner: process.pid,
      command: process.execPath,
    });
    expect(
      fs.readFileSync(`/proc/${record.pid}/cmdline`, 'utf8').split('\0'),
    ).toContain(process.execPath);

    const out = new PassThrough();
    let text = '';
    out.on('data', chunk => (text += chunk));
    await eventually(
      async () => {
        text = '';
        await new Log(cluster.kubeConfig).log(ns, 'server', 'server', out, {
          follow: false,
        });
        await new Promise(resolve => setTimeout(resolve, 20));
        return text.includes(
          'hello from server in default greeting hi secret swordfish',
        );
      },
      3000,
      'log line',
    );
  });

  it('keeps a process pod not Ready while its probe fails', async () => {
    const body = pod('unprobed', ['8082']);
    body.spec!.containers[0].readinessProbe = {
      tcpSocket: { port: 9 as any },
      periodSeconds: 1,
    };
    await cluster.core.createNamespacedPod({ namespace: ns, body });
    await eventually(
      async () => {
        const events = await cluster.core.listNamespacedEvent({
          namespace: ns,
        });
        return events.items.some(
          e => e.involvedObject.name === 'unprobed' && e.reason === 'Unhealthy',
        );
      },
      3000,
      'Unhealthy event',
    );
    const p = await read('unprobed');
    // The process serves (on another port than the probe's), yet the pod stays not Ready.
    const served = await eventually(
      () => get(`http://${p.status?.podIP}:8082/`),
      3000,
      'server up',
    );
    expect(served).toBe(`pod ${p.status?.podIP}`);
    await new Promise(resolve => setTimeout(resolve, 200));
    const later = await read('unprobed');
    expect(later.status?.phase).toBe('Running');
    expect(
      later.status?.conditions?.find(c => c.type === 'Ready')?.status,
    ).toBe('False');
  });

  it('kills the process when the pod is deleted', async () => {
    const server = await read('server');
    const ip = server.status!.podIP!;
    const folder = path.join(PROCESS_POD_VOLUMES_ROOT, server.metadata!.uid!);
    expect(fs.existsSync(folder)).toBe(true);
    await cluster.core.deleteNamespacedPod({ name: 'server', namespace: ns });
    await eventually(
      async () => {
        const pods = await cluster.core.listNamespacedPod({ namespace: ns });
        return !pods.items.some(p => p.metadata?.name === 'server');
      },
      3000,
      'pod gone',
    );
    await expect(get(`http://${ip}:8080/`)).rejects.toThrow(/ECONNREFUSED/);
    // The process got SIGTERM first and said goodbye.
    expect(cluster.output.get('default/server/server')).toContain('bye');
    // Its record went with it: nothing is left for a later emulator to reap.
    await eventually(async () => !fs.existsSync(folder), 3000, 'folder gone');
  });

  it('sets the phase from the exit code (restartPolicy Never)', async () => {
    const failing = pod('exit-3', ['9', 'exit'], { restartPolicy: 'Never' });
    failing.spec!.containers[0].env!.push({ name: 'EXIT_CODE', value: '3' });
    delete failing.spec!.containers[0].readinessProbe;
    await cluster.core.createNamespacedPod({ namespace: ns, body: failing });
    const done = await eventually(
      async () => {
        const p = await read('exit-3');
        return p.status?.phase === 'Failed' && p;
      },
      5000,
      'Failed',
    );
    expect(
      done.status?.containerStatuses?.[0].state?.terminated?.exitCode,
    ).toBe(3);

    const succeeding = pod('exit-0', ['9', 'exit'], { restartPolicy: 'Never' });
    succeeding.spec!.containers[0].env!.push({ name: 'EXIT_CODE', value: '0' });
    delete succeeding.spec!.containers[0].readinessProbe;
    await cluster.core.createNamespacedPod({ namespace: ns, body: succeeding });
    await eventually(
      async () => (await read('exit-0')).status?.phase === 'Succeeded',
      5000,
      'Succeeded',
    );
  });

  it('restarts an exiting process under restartPolicy Always, counting restarts', async () => {
    const restarting = pod('again', ['9', 'exit']);
    restarting.spec!.containers[0].env!.push({ name: 'EXIT_CODE', value: '1' });
    delete restarting.spec!.containers[0].readinessProbe;
    await cluster.core.createNamespacedPod({ namespace: ns, body: restarting });
    const p = await eventually(
      async () => {
        const current = await read('again');
        return (
          (current.status?.containerStatuses?.[0].restartCount ?? 0) >= 2 &&
          current
        );
      },
      5000,
      'two restarts',
    );
    expect(p.status?.phase).toBe('Running');
    expect(
      p.status?.containerStatuses?.[0].lastState?.terminated?.exitCode,
    ).toBe(1);
  });

  it('gives a process its emptyDir, Secret and ConfigMap volumes at the paths its env names, and removes them with the pod', async () => {
    await cluster.core.createNamespacedSecret({
      namespace: ns,
      body: {
        metadata: { name: 'kube' },
        stringData: { kubeconfig: 'apiVersion: v1\nkind: Config\n' },
      },
    });
    await cluster.core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'settings' }, data: { mode: 'strict' } },
    });
    await cluster.core.createNamespacedPod({
      namespace: ns,
      body: {
        metadata: { name: 'files' },
        spec: {
          containers: [
            {
              name: 'files',
              image: 'hatchway/test-files',
              env: [
                { name: 'HOME', value: '/home/runner' },
                { name: 'KUBECONFIG', value: '/home/runner/.kube/config' },
                { name: 'SETTINGS_DIR', value: '/etc/settings' },
              ],
              volumeMounts: [
                { name: 'home', mountPath: '/home/runner' },
                {
                  name: 'kube',
                  mountPath: '/home/runner/.kube/config',
                  subPath: 'kubeconfig',
                  readOnly: true,
                },
                { name: 'settings', mountPath: '/etc/settings' },
              ],
            },
          ],
          volumes: [
            { name: 'home', emptyDir: {} },
            {
              name: 'kube',
              secret: { secretName: 'kube', defaultMode: 0o400 },
            },
            { name: 'settings', configMap: { name: 'settings' } },
          ],
        },
      },
    });
    const report = await eventually(
      async () => {
        const line = (cluster.output.get('default/files/files') ?? '')
          .split('\n')
          .find(l => l.startsWith('{'));
        return line && JSON.parse(line);
      },
      20_000,
      'the process reported its files',
    );
    expect(report).toMatchObject({
      homeWritable: 'mine',
      kubeconfig: 'apiVersion: v1\nkind: Config\n',
      viaHome: 'apiVersion: v1\nkind: Config\n',
      settings: 'strict',
      mounts: 2,
    });
    expect(report.home).not.toBe('/home/runner');
    expect(fs.existsSync(report.home)).toBe(true);

    await cluster.core.deleteNamespacedPod({ name: 'files', namespace: ns });
    await eventually(
      async () => !fs.existsSync(report.home),
      20_000,
      'volumes removed with the pod',
    );
  }, 60_000);

  it('logs no warnings or errors', () => {
    expect(cluster.logged).toEqual([]);
  });
});
