import { SecurityContext } from '../../kube/types';
import {
  containerLabel,
  WorkloadContainer,
  Workload,
} from '../../kube/workloads';

// Read-only, shared: a third of the containers set no securityContext, and ten checks ask.
const NO_CONTEXT: SecurityContext = Object.freeze({});

/** A container's securityContext, or an empty one (frozen: read it, do not change it). */
export function containerContext(
  container: WorkloadContainer,
): SecurityContext {
  const context = container.container.securityContext;
  return context && typeof context === 'object' ? context : NO_CONTEXT;
}

/** The pod's securityContext, or an empty one (frozen: read it, do not change it). */
export function podContext(workload: Workload): SecurityContext {
  const context = workload.podSpec.securityContext;
  return context && typeof context === 'object' ? context : NO_CONTEXT;
}

/** `Container "web"` or `Init container "setup"`, for messages. */
export function describe(container: WorkloadContainer): string {
  return containerLabel(container);
}
