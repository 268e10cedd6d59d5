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
 * One configured entry: a preset name alone (`cert-manager`), or an object whose fields override
 * the preset named by `preset` (or, without `preset`, by `name`), or a component of the team's own.
 * @public
 */
export type ExpectedComponentEntry =
  | string
  | (Partial<ExpectedComponent> & { name: string; preset?: string });

const knownPresets = () => Object.keys(PLATFORM_PRESETS).join(', ');

/**
 * Resolves the configured list: a preset name alone (`cert-manager`), a preset with overrides
 * (`{ name: 'cert-manager', namespaces: ['certs'] }`, or `{ preset: 'grafana', name: 'grafana-ops' }`
 * for a second instance) or a component of the team's own. Throws for an unknown preset, an entry
 * that names no preset and says nothing about where to look, and a name used twice.
 * @public
 */
export function resolveExpectedComponents(
  entries: ReadonlyArray<ExpectedComponentEntry>,
): ExpectedComponent[] {
  const names = new Set<string>();
  return entries.map(entry => {
    const { preset: presetName, ...override } =
      typeof entry === 'string' ? { name: entry, preset: undefined } : entry;
    if (presetName !== undefined && !PLATFORM_PRESETS[presetName]) {
      throw new Error(
        `Platform component "${
          override.name
        }" names an unknown preset "${presetName}" (known presets: ${knownPresets()})`,
      );
    }
    if (names.has(override.name)) {
      throw new Error(
        `Platform component "${override.name}" is listed twice; give the second one its own name`,
      );
    }
    names.add(override.name);
    const preset = PLATFORM_PRESETS[presetName ?? override.name];
    // Config readers leave absent keys undefined; they must not blank out the preset's values.
    const given = Object.fromEntries(
      Object.entries(override).filter(([, value]) => value !== undefined),
    );
    const merged = { ...preset, ...given } as Partial<ExpectedComponent>;
    if (
      !merged.namespaces?.length ||
      (!merged.selector && !merged.workloadName)
    ) {
      throw new Error(
        `Platform component "${
          override.name
        }" is not a preset (${knownPresets()}); give it namespaces and a selector or workloadName`,
      );
    }
    return merged as ExpectedComponent;
  });
}
