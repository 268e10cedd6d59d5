import { Config } from '@backstage/config';
import type {
  ArgoCdOptions,
  VClusterRenderOptions,
} from '@hatchway/plugin-vcluster-node';
import {
  readHostRenderOptions,
  readSharedRenderOptions,
} from './readRenderOptions';
import { builtInSizes, describeSize, SizeOption } from './sizePresets';

/** One host cluster vClusters may be created on. @internal */
export interface HostClusterOptions {
  name: string;
  /** Provisioner type, e.g. `direct`. */
  provisioner: string;
  /** Template of the server handed out in kubeconfigs; unset keeps the Secret's server. */
  kubeconfigServer?: string;
  /** This host cluster's platform choices for rendering (e.g. the portal's RoleBinding). */
  render: VClusterRenderOptions;
}

/** The vCluster plugin's settings, read once at start. @internal */
export interface VClusterOptions {
  hostClusters: HostClusterOptions[];
  /** Where the built-in `argocd` provisioner writes Applications. */
  argoCd: ArgoCdOptions;
  sizes: ReadonlyMap<string, SizeOption>;
  defaultSize: string;
  quotas: { perUser: number; perGroup: number };
  /** 0 switches idle sleep off. */
  idleSleepAfterMinutes: number;
  reconcile: {
    provisionTimeoutSeconds: number;
    resyncSeconds: number;
    leaseSeconds: number;
    housekeepingSeconds: number;
    watchRetrySeconds: number;
  };
}

/**
 * Reads `vcluster.*`. `clusterNames` are the clusters of cluster-access, in config order; a
 * host cluster naming none of them is a startup error, not a failure at the first create.
 */
export function readVClusterConfig(
  root: Config,
  clusterNames: string[],
): VClusterOptions {
  const config = root.getOptionalConfig('vcluster');
  const hostClusters = readHostClusters(config, clusterNames);
  const sizes = readSizes(config);
  const defaultSize =
    config?.getOptionalString('defaultSize') ??
    (sizes.has('small') ? 'small' : [...sizes.keys()][0]);
  if (!sizes.has(defaultSize)) {
    throw new Error(
      `vcluster.defaultSize '${defaultSize}' is not one of the sizes: ${[
        ...sizes.keys(),
      ].join(', ')}`,
    );
  }
  const num = (key: string, fallback: number) => {
    const value = config?.getOptionalNumber(key) ?? fallback;
    if (!Number.isFinite(value) || value < 0) {
      throw new Error(`vcluster.${key} must be a number >= 0, got ${value}`);
    }
    return value;
  };
  return {
    hostClusters,
    argoCd: {
      namespace: config?.getOptionalString('argocd.namespace'),
      project: config?.getOptionalString('argocd.project'),
    },
    sizes,
    defaultSize,
    quotas: {
      perUser: num('quotas.perUser', 3),
      perGroup: num('quotas.perGroup', 10),
    },
    idleSleepAfterMinutes: num('idle.sleepAfterMinutes', 120),
    reconcile: {
      provisionTimeoutSeconds: num('reconcile.provisionTimeoutSeconds', 600),
      resyncSeconds: num('reconcile.resyncSeconds', 30),
      leaseSeconds: num('reconcile.leaseSeconds', 60),
      housekeepingSeconds: num('reconcile.housekeepingSeconds', 60),
      watchRetrySeconds: num('reconcile.watchRetrySeconds', 2),
    },
  };
}

function readHostClusters(
  config: Config | undefined,
  clusterNames: string[],
): HostClusterOptions[] {
  const configured = config?.getOptionalConfigArray('hostClusters');
  const shared = readSharedRenderOptions(config);
  if (!configured) {
    if (clusterNames.length === 0) {
      throw new Error(
        'vCluster needs a host cluster: configure kubernetes.clusterLocatorMethods',
      );
    }
    return [
      {
        name: clusterNames[0],
        provisioner: 'direct',
        render: shared,
      },
    ];
  }
  return configured.map(c => {
    const name = c.getString('name');
    if (!clusterNames.includes(name)) {
      throw new Error(
        `vcluster.hostClusters names '${name}', which is not a configured cluster (${clusterNames.join(
          ', ',
        )})`,
      );
    }
    return {
      name,
      provisioner: c.getOptionalString('provisioner') ?? 'direct',
      kubeconfigServer: c.getOptionalString('kubeconfigServer'),
      render: readHostRenderOptions(c, shared),
    };
  });
}

function readSizes(config: Config | undefined): Map<string, SizeOption> {
  const sizesConfig = config?.getOptionalConfig('sizes');
  const builtIn = builtInSizes();
  if (!sizesConfig) return builtIn;
  const sizes = new Map<string, SizeOption>();
  for (const name of sizesConfig.keys()) {
    const c = sizesConfig.getConfig(name);
    const base = builtIn.get(name) ?? builtIn.get('small')!;
    const map = (key: string, fallback: Record<string, string>) =>
      (c.getOptional<Record<string, string>>(key) ?? fallback) as Record<
        string,
        string
      >;
    const preset: Omit<SizeOption, 'description'> = {
      name,
      quota: map('quota', base.quota),
      limits: {
        defaultRequest: map(
          'limits.defaultRequest',
          base.limits.defaultRequest,
        ),
        default: map('limits.default', base.limits.default),
      },
      controlPlane: {
        requests: map('controlPlane.requests', base.controlPlane.requests),
        limits: map('controlPlane.limits', base.controlPlane.limits),
      },
      defaultTtlHours:
        c.getOptionalNumber('defaultTtlHours') ?? base.defaultTtlHours,
      maxTtlHours: c.getOptionalNumber('maxTtlHours') ?? base.maxTtlHours,
    };
    if (preset.defaultTtlHours > preset.maxTtlHours) {
      throw new Error(
        `vcluster.sizes.${name}: defaultTtlHours ${preset.defaultTtlHours} exceeds maxTtlHours ${preset.maxTtlHours}`,
      );
    }
    sizes.set(name, {
      ...preset,
      description: c.getOptionalString('description') ?? describeSize(preset),
    });
  }
  return sizes;
}
