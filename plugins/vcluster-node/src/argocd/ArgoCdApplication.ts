import type { KubernetesObject } from '@kubernetes/client-node';
import {
  VCLUSTER_CHART_NAME,
  VCLUSTER_CHART_REPO_URL,
  VCLUSTER_CHART_VERSION,
} from '../chart/version';
import { vclusterNamespace, VClusterSpec } from '../provisioner/types';
import { hatchwayValues } from '../render/hatchwayValues';
import {
  MANAGED_BY_HATCHWAY,
  MANAGED_BY_LABEL,
  OWNER_KEY,
  ownerLabelValue,
} from '../render/metadata';
import type { VClusterRenderOptions } from '../render/options';

/** The finalizer that makes Argo CD delete an Application's resources before the Application. */
export const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';

/** Where and as what Hatchway writes Applications. @public */
export interface ArgoCdOptions {
  /** The namespace Argo CD watches for Applications. Default `argocd`. */
  namespace?: string;
  /** The AppProject. Default `default`. */
  project?: string;
  /** The host cluster as Argo CD names it. Default: Argo CD's own cluster. */
  destinationServer?: string;
}

/** The Application's name: the vCluster's namespace, unique across Argo CD's namespace. */
export const applicationName = (name: string) => vclusterNamespace(name);

/** An Argo CD Application as the API server reads it; the fields Hatchway writes and reads. */
export interface ArgoCdApplication extends KubernetesObject {
  spec: Record<string, unknown>;
  status?: {
    sync?: { status?: string };
    health?: { status?: string; message?: string };
    conditions?: Array<{ type?: string; message?: string }>;
  };
}

/**
 * The Argo CD Application that installs the pinned upstream vcluster chart with Hatchway's values
 * (the same ones the direct renderer merges), syncs automatically, and leaves the control plane's
 * replicas to sleep and wake.
 *
 * The namespace: without `managerRoleBinding`, Argo CD creates it (`CreateNamespace`) with
 * Hatchway's labels (`managedNamespaceMetadata`). With it, the provisioner applies the namespace
 * and the portal's RoleBinding itself before writing the Application, and the Application leaves
 * the namespace alone — no `CreateNamespace`, no managed metadata — so Hatchway is its one owner
 * and Argo CD's syncs never rewrite its metadata. The RoleBinding carries no Argo CD tracking
 * label or annotation, so `prune` never removes it.
 * @public
 */
export function renderArgoCdApplication(
  spec: VClusterSpec,
  options: ArgoCdOptions = {},
  renderOptions: VClusterRenderOptions = {},
): ArgoCdApplication {
  const namespace = vclusterNamespace(spec.name);
  const labels = {
    [MANAGED_BY_LABEL]: MANAGED_BY_HATCHWAY,
    [OWNER_KEY]: ownerLabelValue(spec.owner),
  };
  const annotations = { [OWNER_KEY]: spec.owner };
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: applicationName(spec.name),
      namespace: options.namespace ?? 'argocd',
      labels,
      annotations,
      finalizers: [RESOURCES_FINALIZER],
    },
    spec: {
      project: options.project ?? 'default',
      source: {
        repoURL: VCLUSTER_CHART_REPO_URL,
        chart: VCLUSTER_CHART_NAME,
        targetRevision: VCLUSTER_CHART_VERSION,
        helm: {
          releaseName: spec.name,
          valuesObject: hatchwayValues(spec, renderOptions),
        },
      },
      destination: {
        server: options.destinationServer ?? 'https://kubernetes.default.svc',
        namespace,
      },
      syncPolicy: renderOptions.managerRoleBinding
        ? {
            automated: { prune: true, selfHeal: true },
            syncOptions: ['RespectIgnoreDifferences=true'],
          }
        : {
            automated: { prune: true, selfHeal: true },
            // RespectIgnoreDifferences: a sync must not put a sleeping control plane back to 1.
            syncOptions: [
              'CreateNamespace=true',
              'RespectIgnoreDifferences=true',
            ],
            managedNamespaceMetadata: { labels, annotations },
          },
      ignoreDifferences: [
        {
          group: 'apps',
          kind: 'StatefulSet',
          name: spec.name,
          namespace,
          jsonPointers: ['/spec/replicas'],
        },
      ],
    },
  };
}
