import { KubeConfig } from '@kubernetes/client-node';
import fs from 'node:fs';
import path from 'node:path';
import { ClusterEntry } from './readClusters';
import { CredentialSource } from './types';

/** Where a pod's service account credentials are mounted. */
export const SERVICE_ACCOUNT_DIR =
  '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * What the resolver may look at. Injectable so tests can fake an in-cluster filesystem,
 * environment variables and a home directory without touching the real ones.
 */
export interface ResolverEnvironment {
  /** Prefix for absolute in-cluster paths; `/` in production. */
  fsRoot: string;
  env: Record<string, string | undefined>;
  homeDir: string;
  /** `hatchway.clusterAccess.kubeconfigPath`, if set. */
  kubeconfigPath?: string;
}

export interface ResolvedKubeConfig {
  kubeConfig: KubeConfig;
  source: CredentialSource;
}

/** A failed attempt, kept to tell the operator everything that was tried. */
interface Attempt {
  source: string;
  outcome: string;
}

/**
 * Builds a KubeConfig for a cluster. A cluster configured with a URL and a token uses exactly
 * those. Otherwise the first usable source wins: the in-cluster service account token, the
 * kubeconfig path from config, `KUBECONFIG`, then `~/.kube/config`.
 */
export function resolveKubeConfig(
  cluster: ClusterEntry,
  environment: ResolverEnvironment,
): ResolvedKubeConfig {
  if (cluster.url && (cluster.serviceAccountToken || cluster.anonymous)) {
    return { kubeConfig: fromClusterConfig(cluster), source: 'config' };
  }

  const attempts: Attempt[] = [];
  const inCluster = fromInCluster(cluster, environment, attempts);
  if (inCluster) {
    return { kubeConfig: inCluster, source: 'in-cluster' };
  }

  const candidates: Array<[CredentialSource, string, string | undefined]> = [
    [
      'kubeconfig-path',
      'hatchway.clusterAccess.kubeconfigPath',
      environment.kubeconfigPath,
    ],
    ['KUBECONFIG', 'KUBECONFIG', firstExisting(environment.env.KUBECONFIG)],
    [
      'home-kubeconfig',
      '~/.kube/config',
      path.join(environment.homeDir, '.kube', 'config'),
    ],
  ];
  for (const [source, label, file] of candidates) {
    if (!file) {
      attempts.push({ source: label, outcome: 'not set' });
      continue;
    }
    if (!fs.existsSync(file)) {
      attempts.push({ source: label, outcome: `${file} does not exist` });
      continue;
    }
    const kubeConfig = new KubeConfig();
    try {
      kubeConfig.loadFromFile(file);
    } catch (e) {
      attempts.push({
        source: label,
        outcome: `${file} is not a valid kubeconfig (${(e as Error).message})`,
      });
      continue;
    }
    if (selectContext(kubeConfig, cluster.name)) {
      return { kubeConfig, source };
    }
    attempts.push({
      source: label,
      outcome: `${file} has no context "${cluster.name}" and no current context`,
    });
  }

  throw new Error(
    `No credentials found for cluster "${cluster.name}". Tried: ${attempts
      .map(a => `${a.source} (${a.outcome})`)
      .join(
        '; ',
      )}. Configure a url and serviceAccountToken for it under kubernetes.clusterLocatorMethods, run the backend in-cluster, or provide a kubeconfig.`,
  );
}

function fromClusterConfig(cluster: ClusterEntry): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name: cluster.name,
        server: cluster.url!,
        skipTLSVerify: cluster.skipTLSVerify,
        caData: cluster.caData,
        caFile: cluster.caFile,
      },
    ],
    users: [{ name: cluster.name, token: cluster.serviceAccountToken }],
    contexts: [
      { name: cluster.name, cluster: cluster.name, user: cluster.name },
    ],
    currentContext: cluster.name,
  });
  return kubeConfig;
}

function fromInCluster(
  cluster: ClusterEntry,
  { fsRoot, env }: ResolverEnvironment,
  attempts: Attempt[],
): KubeConfig | undefined {
  const dir = path.join(fsRoot, SERVICE_ACCOUNT_DIR);
  const tokenFile = path.join(dir, 'token');
  const host = env.KUBERNETES_SERVICE_HOST;
  if (!fs.existsSync(tokenFile)) {
    attempts.push({
      source: 'in-cluster service account',
      outcome: `${tokenFile} does not exist`,
    });
    return undefined;
  }
  if (!cluster.url && !host) {
    attempts.push({
      source: 'in-cluster service account',
      outcome: 'KUBERNETES_SERVICE_HOST is not set',
    });
    return undefined;
  }
  const server =
    cluster.url ??
    `https://${host!.includes(':') ? `[${host}]` : host}:${
      env.KUBERNETES_SERVICE_PORT ?? '443'
    }`;
  const caFile = path.join(dir, 'ca.crt');
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name: cluster.name,
        server,
        skipTLSVerify: cluster.skipTLSVerify,
        caFile: fs.existsSync(caFile) ? caFile : cluster.caFile,
        caData: cluster.caData,
      },
    ],
    // The tokenFile provider re-reads the projected token, which the kubelet rotates.
    users: [
      {
        name: cluster.name,
        authProvider: { name: 'tokenFile', config: { tokenFile } },
      },
    ],
    contexts: [
      { name: cluster.name, cluster: cluster.name, user: cluster.name },
    ],
    currentContext: cluster.name,
  });
  return kubeConfig;
}

/** Prefers the context named like the cluster; falls back to the file's current context. */
function selectContext(kubeConfig: KubeConfig, clusterName: string): boolean {
  if (kubeConfig.getContextObject(clusterName)) {
    kubeConfig.setCurrentContext(clusterName);
    return true;
  }
  return Boolean(
    kubeConfig.getCurrentContext() && kubeConfig.getCurrentCluster(),
  );
}

/** KUBECONFIG may list several files; like kubectl, skip the ones that do not exist. */
function firstExisting(list: string | undefined): string | undefined {
  const files = list?.split(path.delimiter).filter(Boolean) ?? [];
  return files.find(f => fs.existsSync(f)) ?? files[0];
}
