import { CoreV1Api, KubeConfig, V1Pod } from '@kubernetes/client-node';
import { parseQuantity } from './quantity';

/** What runs inside a vCluster right now. */
export interface InsideUsage {
  /** Running pods outside `kube-system` (the vCluster's own DNS does not count as work). */
  workloadPods: number;
  cpuRequestsMillicores: number;
  memoryRequestsBytes: number;
}

const SYSTEM_NAMESPACES = new Set(['kube-system']);

/**
 * Lists the pods inside a vCluster through its own kubeconfig and sums the requests of those
 * running. The kubeconfig stays in memory for this call only.
 */
export async function inspectInside(
  kubeconfigYaml: string,
): Promise<InsideUsage> {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(kubeconfigYaml);
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const pods = (await core.listPodForAllNamespaces({ limit: 1000 })).items;
  return summarize(pods.filter(pod => pod.status?.phase === 'Running'));
}

function summarize(pods: V1Pod[]): InsideUsage {
  let cpu = 0;
  let memory = 0;
  for (const pod of pods) {
    for (const container of pod.spec?.containers ?? []) {
      const requests = container.resources?.requests ?? {};
      cpu += finite(parseQuantity(String(requests.cpu ?? '0')));
      memory += finite(parseQuantity(String(requests.memory ?? '0')));
    }
  }
  return {
    workloadPods: pods.filter(
      p => !SYSTEM_NAMESPACES.has(p.metadata?.namespace ?? ''),
    ).length,
    cpuRequestsMillicores: Math.round(cpu * 1000),
    memoryRequestsBytes: Math.round(memory),
  };
}

function finite(value: number): number {
  return Number.isFinite(value) ? value : 0;
}
