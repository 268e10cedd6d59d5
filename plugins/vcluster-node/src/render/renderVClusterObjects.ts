import type { KubernetesObject } from '@kubernetes/client-node';
import { chartDefaultValues } from '../chart/chartDefaults';
import type { ChartValues } from '../chart/ChartValues';
import { mergeValues } from '../chart/mergeValues';
import { vclusterNamespace, VClusterSpec } from '../provisioner/types';
import { configHash, configYaml, renderConfigSecret } from './configSecret';
import { renderControlPlane } from './controlPlane';
import { hatchwayValues } from './hatchwayValues';
import { renderHostManifests } from './hostManifests';
import type { Release } from './metadata';
import { renderNamespace } from './namespace';
import type { VClusterRenderOptions } from './options';
import { renderManagerRoleBinding } from './managerRoleBinding';
import { renderLimitRange, renderResourceQuota } from './quotas';
import {
  renderRole,
  renderRoleBinding,
  renderServiceAccount,
  renderWorkloadServiceAccount,
} from './rbac';
import { renderHeadlessService, renderService } from './services';

/** The chart's defaults with Hatchway's values merged over them, as Helm would coalesce them. */
export function mergedChartValues(
  spec: VClusterSpec,
  options: VClusterRenderOptions = {},
): ChartValues {
  return mergeValues(chartDefaultValues(), hatchwayValues(spec, options));
}

/**
 * Every object of one vCluster on the host: its namespace, then what the pinned chart renders for
 * Hatchway's values, in an order that can be applied one by one — the namespace first, then the
 * portal's own RoleBinding when configured (everything after needs its rights), the policies
 * that constrain pods before anything that makes pods, and the StatefulSet last.
 * @public
 */
export function renderVClusterObjects(
  spec: VClusterSpec,
  options: VClusterRenderOptions = {},
): KubernetesObject[] {
  const release: Release = {
    name: spec.name,
    namespace: vclusterNamespace(spec.name),
  };
  const values = mergedChartValues(spec, options);
  const config = configYaml(values);
  const objects: Array<KubernetesObject | undefined> = [
    renderNamespace(release.namespace, spec.owner),
    options.managerRoleBinding &&
      renderManagerRoleBinding(release.namespace, options.managerRoleBinding),
    renderResourceQuota(release, values),
    renderLimitRange(release, values),
    ...renderHostManifests(release, values),
    renderServiceAccount(release),
    renderWorkloadServiceAccount(release),
    renderRole(release),
    renderRoleBinding(release),
    renderConfigSecret(release, config),
    renderService(release, values),
    renderHeadlessService(release),
    renderControlPlane(release, values, configHash(config)),
  ];
  return objects.filter((o): o is KubernetesObject => o !== undefined);
}
