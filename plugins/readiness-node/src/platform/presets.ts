import { ExpectedComponent } from '@hatchway/plugin-readiness-common';

const name = (value: string) => ({ 'app.kubernetes.io/name': value });

/**
 * Built-in expected components with the namespaces and labels their upstream Helm charts use, so
 * a platform team lists `cert-manager` and is done. Every field can be overridden in config.
 * @public
 */
export const PLATFORM_PRESETS: Readonly<Record<string, ExpectedComponent>> = {
  'sealed-secrets': {
    name: 'sealed-secrets',
    title: 'Sealed Secrets controller',
    namespaces: ['kube-system', 'sealed-secrets'],
    selector: name('sealed-secrets'),
    crds: ['sealedsecrets.bitnami.com'],
  },
  'external-secrets': {
    name: 'external-secrets',
    title: 'External Secrets Operator',
    namespaces: ['external-secrets', 'external-secrets-system'],
    selector: name('external-secrets'),
    crds: [
      'externalsecrets.external-secrets.io',
      'clustersecretstores.external-secrets.io',
    ],
  },
  kyverno: {
    name: 'kyverno',
    title: 'Kyverno policy engine',
    namespaces: ['kyverno'],
    selector: { 'app.kubernetes.io/part-of': 'kyverno' },
    crds: ['clusterpolicies.kyverno.io', 'policyreports.wgpolicyk8s.io'],
    webhooks: ['kyverno-resource-validating-webhook-cfg'],
  },
  'cert-manager': {
    name: 'cert-manager',
    title: 'cert-manager',
    namespaces: ['cert-manager'],
    selector: { 'app.kubernetes.io/instance': 'cert-manager' },
    minReadyReplicas: 3,
    crds: ['certificates.cert-manager.io', 'clusterissuers.cert-manager.io'],
    webhooks: ['cert-manager-webhook'],
  },
  'ingress-nginx': {
    name: 'ingress-nginx',
    title: 'Ingress controller (ingress-nginx)',
    namespaces: ['ingress-nginx'],
    selector: {
      ...name('ingress-nginx'),
      'app.kubernetes.io/component': 'controller',
    },
  },
  'oauth2-proxy': {
    name: 'oauth2-proxy',
    title: 'Auth proxy (oauth2-proxy)',
    namespaces: ['oauth2-proxy', 'auth'],
    selector: name('oauth2-proxy'),
  },
  prometheus: {
    name: 'prometheus',
    title: 'Prometheus',
    namespaces: ['monitoring', 'prometheus'],
    selector: name('prometheus'),
  },
  alertmanager: {
    name: 'alertmanager',
    title: 'Alertmanager',
    namespaces: ['monitoring', 'prometheus'],
    selector: name('alertmanager'),
  },
  grafana: {
    name: 'grafana',
    title: 'Grafana',
    namespaces: ['monitoring', 'grafana'],
    selector: name('grafana'),
  },
  argocd: {
    name: 'argocd',
    title: 'Argo CD',
    namespaces: ['argocd'],
    selector: { 'app.kubernetes.io/part-of': 'argocd' },
    minReadyReplicas: 3,
    crds: ['applications.argoproj.io'],
  },
};

/**
 * Resolves the configured list: a preset name alone (`cert-manager`), a preset with overrides
 * (`{ name: 'cert-manager', namespaces: ['certs'] }`) or a component of the team's own.
 * Throws for an entry that names no preset and says nothing about where to look.
 * @public
 */
export function resolveExpectedComponents(
  entries: ReadonlyArray<
    string | (Partial<ExpectedComponent> & { name: string })
  >,
): ExpectedComponent[] {
  return entries.map(entry => {
    const override = typeof entry === 'string' ? { name: entry } : entry;
    const preset = PLATFORM_PRESETS[override.name];
    const merged = { ...preset, ...override } as Partial<ExpectedComponent>;
    if (
      !merged.namespaces?.length ||
      (!merged.selector && !merged.workloadName)
    ) {
      throw new Error(
        `Platform component "${override.name}" is not a preset (${Object.keys(
          PLATFORM_PRESETS,
        ).join(', ')}); give it namespaces and a selector or workloadName`,
      );
    }
    return merged as ExpectedComponent;
  });
}
