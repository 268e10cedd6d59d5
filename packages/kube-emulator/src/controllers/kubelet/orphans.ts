import fs from 'node:fs/promises';
import path from 'node:path';
import { PROCESS_POD_VOLUMES_ROOT, podFolder } from './volumes';

/*
 * A process pod runs in its own process group, so that stopping the pod also ends whatever it
 * started; nothing then stops it when the emulator itself is killed (SIGKILL, a crash, the OOM
 * killer). Such an orphan keeps listening on its pod IP, and a later emulator that hands the same
 * IP to a new pod sees that pod's process fail to listen (a runner pod "failed: Error"); its secret
 * volumes stay on disk too. So every process pod records its process group beside its volumes,
 * and an emulator that starts reaps what emulators no longer running left behind.
 */

/** What is recorded of a process pod's container process. */
interface ProcessRecord {
  /** The process, leader of its own process group. */
  pid: number;
  /** The emulator process that started it. */
  owner: number;
  /** The command it runs, to recognise it (a pid can be reused). */
  command: string;
}

const recordsOf = (uid: string, root: string) =>
  path.join(podFolder(uid, root), 'processes');

/** Records a process pod's container process, so that a later emulator can reap it. */
export async function recordProcess(
  uid: string,
  container: string,
  pid: number,
  command: string,
  root = PROCESS_POD_VOLUMES_ROOT,
): Promise<void> {
  const dir = recordsOf(uid, root);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const record: ProcessRecord = { pid, owner: process.pid, command };
  const file = path.join(dir, `${encodeURIComponent(container)}.json`);
  // Written aside and renamed: another emulator reaping never reads half a record.
  await fs.writeFile(`${file}.tmp`, JSON.stringify(record), { mode: 0o600 });
  await fs.rename(`${file}.tmp`, file);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether `pid` still runs `command`; false where that cannot be told (no /proc). */
async function runs(pid: number, command: string): Promise<boolean> {
  try {
    const cmdline = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.split('\0').some(arg => arg === command);
  } catch {
    return false;
  }
}

/**
 * Ends the process groups of process pods whose emulator no longer runs, and removes those pods'
 * folders (volumes included). Pods of emulators still running are left alone: several may share
 * this machine. Returns how many process groups were ended.
 */
export async function reapOrphanedProcessPods(
  root = PROCESS_POD_VOLUMES_ROOT,
): Promise<number> {
  let uids: string[];
  try {
    uids = await fs.readdir(root);
  } catch {
    return 0;
  }
  let reaped = 0;
  for (const uid of uids) {
    let names: string[];
    try {
      names = await fs.readdir(recordsOf(uid, root));
    } catch {
      continue;
    }
    const records: ProcessRecord[] = [];
    for (const name of names.filter(n => n.endsWith('.json'))) {
      try {
        records.push(
          JSON.parse(
            await fs.readFile(path.join(recordsOf(uid, root), name), 'utf8'),
          ),
        );
      } catch {
        // Removed meanwhile with its pod.
      }
    }
    // No record yet (a live emulator between creating the folder and writing it): nothing tells
    // whose pod this is, so it stays.
    if (
      records.length === 0 ||
      records.some(r => r.owner === process.pid || isRunning(r.owner))
    )
      continue;
    for (const record of records) {
      if (!isRunning(record.pid) || !(await runs(record.pid, record.command)))
        continue;
      try {
        process.kill(-record.pid, 'SIGKILL');
        reaped++;
      } catch {
        // Ended meanwhile.
      }
    }
    await fs.rm(podFolder(uid, root), { recursive: true, force: true });
  }
  return reaped;
}
