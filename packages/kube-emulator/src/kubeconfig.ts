import { stringify } from 'yaml';

/** Inputs of a kubeconfig for one user of the emulator. */
export interface KubeConfigParams {
  server: string;
  token: string;
  username: string;
  /** Base64 CA bundle for TLS servers; without it TLS verification is skipped. */
  caData?: string;
  namespace?: string;
  /** Context and cluster name (default `kube-emulator`). */
  name?: string;
}

/** A kubeconfig object (clusters/users/contexts) as kubectl and client-node read it. */
export function buildKubeConfig(p: KubeConfigParams): Record<string, unknown> {
  const name = p.name ?? 'kube-emulator';
  const cluster: Record<string, unknown> = { server: p.server };
  // client-node refuses plain http unless TLS verification is explicitly skipped.
  if (p.caData) cluster['certificate-authority-data'] = p.caData;
  else cluster['insecure-skip-tls-verify'] = true;
  const user = p.username.replace(/[^A-Za-z0-9_.:-]/g, '-');
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster }],
    users: [{ name: user, user: { token: p.token } }],
    contexts: [
      {
        name,
        context: { cluster: name, user, namespace: p.namespace ?? 'default' },
      },
    ],
    'current-context': name,
    preferences: {},
  };
}

/** The same kubeconfig as YAML. */
export function kubeConfigYaml(p: KubeConfigParams): string {
  return stringify(buildKubeConfig(p));
}
