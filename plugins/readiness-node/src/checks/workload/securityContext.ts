import { SecurityContext } from '../../kube/types';
import {
  containerLabel,
  WorkloadContainer,
  Workload,
} from '../../kube/workloads';

/** A container's securityContext, or an empty one. */
export function containerContext(
  container: WorkloadContainer,
): SecurityContext {
  const context = container.container.securityContext;
  return context && typeof context === 'object' ? context : {};
}

/** The pod's securityContext, or an empty one. */
export function podContext(workload: Workload): SecurityContext {
  const context = workload.podSpec.securityContext;
  return context && typeof context === 'object' ? context : {};
}

/** `Container "web"` or `Init container "setup"`, for messages. */
export function describe(container: WorkloadContainer): string {
  return containerLabel(container);
}
