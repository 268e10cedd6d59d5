/** Labels and names of runner Jobs, shared by the renderer, the pod watcher and the pool. */
export const RunnerLabels = {
  name: 'app.kubernetes.io/name',
  component: 'app.kubernetes.io/component',
  partOf: 'app.kubernetes.io/part-of',
  managedBy: 'app.kubernetes.io/managed-by',
  session: 'hatchway.dev/session',
  profile: 'hatchway.dev/profile',
  pool: 'hatchway.dev/pool',
  owner: 'hatchway.dev/owner',
} as const;

/** Labels every runner Job, pod and Secret carries. */
export const COMMON_RUNNER_LABELS: Readonly<Record<string, string>> = {
  [RunnerLabels.name]: 'hatchway-runner',
  [RunnerLabels.component]: 'terminal-session',
  [RunnerLabels.partOf]: 'hatchway',
  [RunnerLabels.managedBy]: 'hatchway',
};

/** The label selector of everything this plugin manages in the runner namespace. */
export const MANAGED_SELECTOR = `${RunnerLabels.managedBy}=hatchway,${RunnerLabels.component}=terminal-session`;

/** The Secret holding a runner Job's ttyd credential (and a vCluster kubeconfig). */
export function credentialSecretName(jobName: string): string {
  return `${jobName}-credential`;
}

/** An entity ref as a label value (labels allow `[A-Za-z0-9._-]`, at most 63 characters). */
export function ownerLabelValue(entityRef: string): string {
  return entityRef
    .replace(/[^A-Za-z0-9._-]+/g, '.')
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '')
    .slice(0, 63)
    .replace(/[^A-Za-z0-9]+$/, '');
}
