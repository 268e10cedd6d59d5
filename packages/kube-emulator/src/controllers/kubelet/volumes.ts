import type { CoreV1Api, V1Container, V1Pod } from '@kubernetes/client-node';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ignoreNotFound } from '../runtime/clients';

/** Where a container's mount lives on this machine. */
export interface ProcessMount {
  mountPath: string;
  hostPath: string;
}

/** The folder holding every process pod's volumes; one sub-folder per pod UID. */
export const PROCESS_POD_VOLUMES_ROOT = path.join(
  os.tmpdir(),
  'kube-emulator-volumes',
);

/** The folder of one process pod: its volumes, and the record of its processes. */
export const podFolder = (uid: string, root = PROCESS_POD_VOLUMES_ROOT) =>
  path.join(root, uid);

const isUnder = (child: string, parent: string) =>
  child === parent ||
  child.startsWith(parent.endsWith('/') ? parent : `${parent}/`);

async function writeKeys(
  dir: string,
  entries: Array<[string, Buffer]>,
  mode: number,
): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  for (const [key, value] of entries) {
    // Keys are validated by the API server (no slashes); guard anyway.
    if (key.includes('/') || key === '..') continue;
    await fs.writeFile(path.join(dir, key), value, { mode });
  }
}

/**
 * Gives a process pod's container the volumes it mounts, as the kubelet would, for a process that
 * cannot be placed in a mount namespace: each `emptyDir`, `secret` and `configMap` volume becomes a
 * folder of the pod (kept across container restarts, removed with the pod), and a mount nested in
 * another (a `subPath` file in `$HOME`) becomes a symbolic link inside the outer one. Returns the
 * container's top-level mounts; other volume types are not materialised.
 */
export async function materializeVolumes(
  core: CoreV1Api,
  pod: V1Pod,
  container: V1Container,
): Promise<ProcessMount[]> {
  const namespace = pod.metadata!.namespace!;
  const root = podFolder(pod.metadata!.uid!);
  const prepared = new Map<string, string>();
  const volumeFolder = async (name: string): Promise<string | undefined> => {
    if (prepared.has(name)) return prepared.get(name);
    const volume = pod.spec?.volumes?.find(v => v.name === name);
    const dir = path.join(root, 'volumes', name);
    if (volume?.emptyDir) {
      await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    } else if (volume?.secret?.secretName) {
      const secret = await ignoreNotFound(
        core.readNamespacedSecret({
          name: volume.secret.secretName,
          namespace,
        }),
      );
      if (!secret && !volume.secret.optional) {
        throw new Error(`secret "${volume.secret.secretName}" not found`);
      }
      await writeKeys(
        dir,
        Object.entries(secret?.data ?? {}).map(([k, v]) => [
          k,
          Buffer.from(v, 'base64'),
        ]),
        volume.secret.defaultMode ?? 0o644,
      );
    } else if (volume?.configMap?.name) {
      const configMap = await ignoreNotFound(
        core.readNamespacedConfigMap({
          name: volume.configMap.name,
          namespace,
        }),
      );
      if (!configMap && !volume.configMap.optional) {
        throw new Error(`configmap "${volume.configMap.name}" not found`);
      }
      await writeKeys(
        dir,
        [
          ...Object.entries(configMap?.data ?? {}).map(
            ([k, v]) => [k, Buffer.from(v)] as [string, Buffer],
          ),
          ...Object.entries(configMap?.binaryData ?? {}).map(
            ([k, v]) => [k, Buffer.from(v, 'base64')] as [string, Buffer],
          ),
        ],
        volume.configMap.defaultMode ?? 0o644,
      );
    } else {
      prepared.set(name, '');
      return undefined;
    }
    prepared.set(name, dir);
    return dir;
  };

  const mounts: ProcessMount[] = [];
  for (const mount of container.volumeMounts ?? []) {
    const dir = await volumeFolder(mount.name);
    if (!dir) continue;
    const hostPath = mount.subPath ? path.join(dir, mount.subPath) : dir;
    if (!isUnder(hostPath, dir)) continue;
    mounts.push({ mountPath: path.posix.normalize(mount.mountPath), hostPath });
  }
  // Outer mounts first, so a nested mount finds the folder it goes into.
  mounts.sort((a, b) => a.mountPath.length - b.mountPath.length);
  const topLevel: ProcessMount[] = [];
  for (const mount of mounts) {
    const outer = topLevel.find(m => isUnder(mount.mountPath, m.mountPath));
    if (!outer) {
      topLevel.push(mount);
      continue;
    }
    const link = path.join(
      outer.hostPath,
      path.posix.relative(outer.mountPath, mount.mountPath),
    );
    await fs.mkdir(path.dirname(link), { recursive: true, mode: 0o700 });
    await fs.rm(link, { force: true });
    await fs.symlink(mount.hostPath, link);
  }
  return topLevel;
}

/**
 * The container's environment with every value that is a path inside a mount pointed at the
 * mount's folder here (`HOME=/home/runner` → the pod's `home` volume), plus `KUBE_EMULATOR_MOUNTS`
 * (JSON) for processes that translate paths themselves.
 */
export function rewriteMountedPaths(
  env: Record<string, string>,
  mounts: ProcessMount[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const mount = mounts.find(m => isUnder(value, m.mountPath));
    out[key] = mount
      ? path.join(mount.hostPath, path.posix.relative(mount.mountPath, value))
      : value;
  }
  if (mounts.length) out.KUBE_EMULATOR_MOUNTS = JSON.stringify(mounts);
  return out;
}

/** Removes a pod's volumes (when the pod is gone). */
export async function removePodVolumes(uid: string): Promise<void> {
  await fs.rm(podFolder(uid), { recursive: true, force: true });
}
