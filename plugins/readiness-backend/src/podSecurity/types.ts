import {
  ReadinessEntityPodSecurity,
  ReadinessPodSecurityExportFormat,
  ReadinessPodSecurityResponse,
} from '@hatchway/plugin-readiness-common';
import { KubernetesObject } from '@hatchway/plugin-readiness-node';
import { ReadinessExport } from '../service/types';

/** Which namespaces a Pod Security query covers; every set field must match. */
export interface PodSecurityFilter {
  cluster?: string;
  /** An owner entity ref, e.g. `group:default/team-a`. */
  owner?: string;
}

/** Keeps each cluster's Pod Security standing, as scans read the cluster. */
export interface PodSecurityRecorder {
  /**
   * Judges what was read from a cluster and replaces what was stored for it: every namespace, or
   * with `namespaces` (live re-scoring's partitions) only those, from their objects in `objects`.
   */
  record(
    cluster: string,
    objects: readonly KubernetesObject[],
    namespaces?: Iterable<string>,
  ): Promise<void>;
}

/** Answers the Pod Security view from what scans recorded. */
export interface PodSecurityQueryService {
  namespaces(filter: PodSecurityFilter): Promise<ReadinessPodSecurityResponse>;
  /** The entity's standing (its ref as the catalog spells it); undefined when it maps to no workload. */
  entity(entityRef: string): Promise<ReadinessEntityPodSecurity | undefined>;
  export(
    format: ReadinessPodSecurityExportFormat,
    filter: PodSecurityFilter,
  ): Promise<ReadinessExport>;
}
