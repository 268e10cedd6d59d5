import { docsUrl, fail, pass, workloadCheck } from '../../engine/defineCheck';
import { ReadinessCheck } from '../../engine/types';

function hostNamespaceCheck(
  field: 'hostNetwork' | 'hostPID' | 'hostIPC',
  id: string,
  what: string,
): ReadinessCheck {
  // One verdict for every passing workload: its message never varies.
  const passed = pass(`Pods do not share the host's ${what}.`);
  return workloadCheck(
    {
      id,
      title: `Pods do not share the host's ${what}`,
      severity: 'danger',
      category: 'security',
      remediation: `Remove ${field}: true from the pod spec.`,
      docsUrl: docsUrl(id),
    },
    {
      evaluate(workload) {
        if (workload.podSpec[field] === true) {
          return fail(`Pods share the host's ${what} (${field}: true).`, [
            workload.at(field),
          ]);
        }
        return passed;
      },
    },
  );
}

/** hostNetwork exposes the node's interfaces and bypasses NetworkPolicies. */
export const noHostNetwork = hostNamespaceCheck(
  'hostNetwork',
  'no-host-network',
  'network',
);
/** hostPID lets containers see and signal every process on the node. */
export const noHostPid = hostNamespaceCheck(
  'hostPID',
  'no-host-pid',
  'process namespace',
);
/** hostIPC shares the node's shared memory with the pod. */
export const noHostIpc = hostNamespaceCheck(
  'hostIPC',
  'no-host-ipc',
  'IPC namespace',
);
