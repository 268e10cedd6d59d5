import { asArray, asRecord } from '../../kube/objects';
import { containersPhrase, joinQuote, pluralize, sortedSet } from '../format';
import { isSet, str } from '../podView';
import { PodSecurityControl, PodView } from '../types';

/** Baseline: no sharing of the host's network, PID or IPC namespace. */
export const hostNamespaces: PodSecurityControl = {
  id: 'hostNamespaces',
  level: 'baseline',
  title: 'Host Namespaces',
  checkId: 'pss-host-namespaces',
  remediation:
    'Remove hostNetwork, hostPID and hostIPC from the pod spec (or set them to false).',
  revisions: [
    {
      since: 0,
      check(pod) {
        const shared = (['hostNetwork', 'hostPID', 'hostIPC'] as const)
          .filter(field => pod.spec[field] === true)
          .map(field => `${field}=true`);
        return shared.length
          ? { reason: 'host namespaces', detail: shared.join(', ') }
          : undefined;
      },
    },
  ],
};

/** Baseline: no hostPath volumes. */
export const hostPathVolumes: PodSecurityControl = {
  id: 'hostPathVolumes',
  level: 'baseline',
  title: 'HostPath Volumes',
  checkId: 'pss-host-path-volumes',
  remediation:
    'Replace hostPath volumes with emptyDir, configMap, secret, projected or persistent volume claims.',
  revisions: [
    {
      since: 0,
      check(pod) {
        const names = asArray<unknown>(pod.spec.volumes)
          .map(v => asRecord(v))
          .filter(v => v && isSet(v.hostPath))
          .map(v => str(v!.name));
        return names.length
          ? {
              reason: 'hostPath volumes',
              detail: `${pluralize(
                'volume',
                'volumes',
                names.length,
              )} ${joinQuote(names)}`,
            }
          : undefined;
      },
    },
  ],
};

/** Baseline: no container port bound on the node (hostPort). */
export const hostPorts: PodSecurityControl = {
  id: 'hostPorts',
  level: 'baseline',
  title: 'Host Ports',
  checkId: 'pss-host-ports',
  remediation:
    'Remove hostPort from container ports; expose the pod through a Service instead.',
  revisions: [
    {
      since: 0,
      check(pod) {
        const bad: string[] = [];
        // Made when a host port is found: most pods have none.
        let ports: Set<string> | undefined;
        for (const { name, container } of pod.containers) {
          let uses = false;
          for (const port of asArray<unknown>(container.ports)) {
            const hostPort = asRecord(port)?.hostPort;
            if (isSet(hostPort) && Number(hostPort) !== 0) {
              uses = true;
              ports ??= new Set();
              ports.add(String(hostPort));
            }
          }
          if (uses) bad.push(name);
        }
        if (!bad.length || !ports) return undefined;
        return {
          reason: 'hostPort',
          detail: `${containersPhrase(bad)} ${pluralize(
            'uses',
            'use',
            bad.length,
          )} ${pluralize('hostPort', 'hostPorts', ports.size)} ${sortedSet(
            ports,
          ).join(', ')}`,
        };
      },
    },
  ],
};

/** Adds the hosts a probe or hook targets (httpGet's, then tcpSocket's) to `hosts`. */
function addHosts(handler: unknown, hosts: string[]): void {
  const record = asRecord(handler);
  if (!record) return;
  const http = str(asRecord(record.httpGet)?.host);
  if (http !== '') hosts.push(http);
  const tcp = str(asRecord(record.tcpSocket)?.host);
  if (tcp !== '') hosts.push(tcp);
}

// One list filled in place: this runs for every container of every workload, mostly finding
// nothing, and a list per probe and hook was most of what the Pod Security checks allocated.
function probeAndHookHosts(container: Record<string, unknown>): string[] {
  const hosts: string[] = [];
  addHosts(container.livenessProbe, hosts);
  addHosts(container.readinessProbe, hosts);
  addHosts(container.startupProbe, hosts);
  const lifecycle = asRecord(container.lifecycle);
  addHosts(lifecycle?.postStart, hosts);
  addHosts(lifecycle?.preStop, hosts);
  return hosts;
}

/** Baseline from v1.34: probes and lifecycle hooks must not target another host. */
export const hostProbesAndHostLifecycle: PodSecurityControl = {
  id: 'hostProbesAndHostLifecycle',
  level: 'baseline',
  title: 'Host Probes / Lifecycle Hooks',
  checkId: 'pss-host-probes-lifecycle',
  remediation:
    'Remove the host field from httpGet and tcpSocket probes and lifecycle hooks; they then target the pod itself.',
  revisions: [
    {
      since: 34,
      check(pod: PodView) {
        // Made when a host is found: most pods have none.
        let bad: Set<string> | undefined;
        let hosts: Set<string> | undefined;
        for (const { name, container } of pod.containers) {
          const found = probeAndHookHosts(container);
          if (!found.length) continue;
          bad ??= new Set();
          hosts ??= new Set();
          bad.add(name);
          for (const host of found) hosts.add(host);
        }
        if (!bad || !hosts) return undefined;
        return {
          reason: 'probe or lifecycle host',
          detail: `${containersPhrase(sortedSet(bad))} ${pluralize(
            'uses',
            'use',
            bad.size,
          )} ${pluralize(
            'probe or lifecycle host',
            'probe or lifecycle hosts',
            hosts.size,
          )} ${joinQuote(sortedSet(hosts))}`,
        };
      },
    },
  ],
};
