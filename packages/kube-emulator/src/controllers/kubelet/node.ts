import os from 'node:os';
import type { CoreV1Api } from '@kubernetes/client-node';
import { MERGE_PATCH, describeError, statusCode } from '../runtime/clients';
import { timestamp } from '../runtime/objects';
import type { ControllerLogger } from '../types';

/**
 * Registers the emulated node as a Node object with a Ready condition, so `kubectl get nodes`
 * and node lookups of tools find it. Best effort: a server without a nodes resource is fine.
 */
export function registerNode(
  core: CoreV1Api,
  name: string,
  hostIP: string,
  logger: ControllerLogger,
): { stop(): void } {
  let stopped = false;
  const register = async () => {
    try {
      await core.createNode({
        body: {
          metadata: {
            name,
            labels: {
              'kubernetes.io/hostname': name,
              'kubernetes.io/os': 'linux',
              'kubernetes.io/arch':
                process.arch === 'arm64' ? 'arm64' : 'amd64',
              'node-role.kubernetes.io/control-plane': '',
            },
          },
          spec: {},
        },
      });
    } catch (error) {
      const code = statusCode(error);
      if (code === 404 || code === 405) return; // no nodes resource here
      if (code !== 409) throw error;
    }
    if (stopped) return;
    const now = timestamp();
    await core.patchNodeStatus(
      {
        name,
        body: {
          status: {
            conditions: [
              {
                type: 'Ready',
                status: 'True',
                reason: 'KubeletReady',
                message: 'kubelet is posting ready status',
                lastHeartbeatTime: now,
                lastTransitionTime: now,
              },
            ],
            addresses: [
              { type: 'InternalIP', address: hostIP },
              { type: 'Hostname', address: name },
            ],
            capacity: {
              cpu: String(os.cpus().length),
              memory: `${Math.floor(os.totalmem() / 1024)}Ki`,
              pods: '110',
            },
            allocatable: {
              cpu: String(os.cpus().length),
              memory: `${Math.floor(os.totalmem() / 1024)}Ki`,
              pods: '110',
            },
            nodeInfo: {
              architecture: process.arch === 'arm64' ? 'arm64' : 'amd64',
              operatingSystem: 'linux',
              osImage: 'Hatchway kube-emulator',
              kernelVersion: os.release(),
              kubeletVersion: 'v1.34.0',
              kubeProxyVersion: 'v1.34.0',
              containerRuntimeVersion: 'emulated://1.0.0',
              machineID: '',
              systemUUID: '',
              bootID: '',
            },
          },
        },
      },
      MERGE_PATCH,
    );
  };
  register().catch(error =>
    logger.debug?.(`registering node ${name}: ${describeError(error)}`),
  );
  return {
    stop() {
      stopped = true;
    },
  };
}
