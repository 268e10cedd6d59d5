import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { reapOrphanedProcessPods, recordProcess } from './orphans';

/** A process pod's process as the kubelet starts it: its own process group, running until killed. */
function startPodProcess(): ChildProcess {
  return spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
    detached: true,
    stdio: 'ignore',
  });
}

/** A pid that ran and is gone: the emulator that was killed. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise(resolve => child.on('exit', resolve));
  return child.pid!;
}

const running = (child: ChildProcess) =>
  child.exitCode === null && child.signalCode === null;

const exited = (child: ChildProcess) =>
  running(child)
    ? new Promise(resolve => child.on('exit', resolve))
    : Promise.resolve();

describe('orphaned process pods', () => {
  let root: string;
  const children: ChildProcess[] = [];
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'orphans-test-'));
  });
  afterEach(() => {
    for (const child of children.splice(0)) {
      if (running(child)) process.kill(-child.pid!, 'SIGKILL');
    }
    fs.rmSync(root, { recursive: true, force: true });
  });

  /** Records `child` as pod `uid`'s process, started by emulator process `owner`. */
  async function record(
    uid: string,
    child: ChildProcess,
    owner: number,
    command = process.execPath,
  ) {
    await recordProcess(uid, 'runner', child.pid!, command, root);
    // recordProcess writes this emulator's pid; stand in for another one.
    const file = path.join(root, uid, 'processes', 'runner.json');
    const written = JSON.parse(fs.readFileSync(file, 'utf8'));
    fs.writeFileSync(file, JSON.stringify({ ...written, owner }));
    fs.mkdirSync(path.join(root, uid, 'volumes', 'kubeconfig'), {
      recursive: true,
    });
    fs.writeFileSync(
      path.join(root, uid, 'volumes', 'kubeconfig', 'config'),
      'secret',
    );
  }

  it("ends a killed emulator's pod processes and removes their volumes", async () => {
    const orphan = startPodProcess();
    children.push(orphan);
    await record('pod-of-dead-emulator', orphan, await deadPid());

    expect(await reapOrphanedProcessPods(root)).toBe(1);
    await exited(orphan);
    expect(orphan.signalCode).toBe('SIGKILL');
    expect(fs.existsSync(path.join(root, 'pod-of-dead-emulator'))).toBe(false);
  });

  it('leaves the pods of an emulator that still runs alone', async () => {
    const ours = startPodProcess();
    const another = startPodProcess();
    children.push(ours, another);
    await record('pod-of-this-emulator', ours, process.pid);
    // Another emulator on the machine: its process is alive (here, the pod process's own parent).
    await record('pod-of-another-emulator', another, another.pid!);

    expect(await reapOrphanedProcessPods(root)).toBe(0);
    expect(running(ours)).toBe(true);
    expect(running(another)).toBe(true);
    expect(fs.readdirSync(root).sort()).toEqual([
      'pod-of-another-emulator',
      'pod-of-this-emulator',
    ]);
  });

  it('does not kill a process that reuses a recorded pid', async () => {
    const unrelated = startPodProcess();
    children.push(unrelated);
    // The record names another command: the pid now belongs to something else.
    await record('recycled-pid', unrelated, await deadPid(), '/usr/bin/ttyd');

    expect(await reapOrphanedProcessPods(root)).toBe(0);
    expect(running(unrelated)).toBe(true);
    // The pod itself is gone with its emulator: its folder and volumes go.
    expect(fs.existsSync(path.join(root, 'recycled-pid'))).toBe(false);
  });

  it('leaves a pod folder whose record is not written yet', async () => {
    // A live emulator between creating the records folder and renaming its record into it.
    fs.mkdirSync(path.join(root, 'pod-being-started', 'processes'), {
      recursive: true,
    });
    fs.writeFileSync(
      path.join(root, 'pod-being-started', 'processes', 'runner.json.tmp'),
      '{"pid":',
    );

    expect(await reapOrphanedProcessPods(root)).toBe(0);
    expect(fs.existsSync(path.join(root, 'pod-being-started'))).toBe(true);
  });

  it('does nothing where no process pod ever ran', async () => {
    expect(await reapOrphanedProcessPods(path.join(root, 'absent'))).toBe(0);
  });
});
