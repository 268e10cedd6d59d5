import { docsUrl, fail, objectCheck, pass } from '../../engine/defineCheck';
import { asArray, get } from '../../kube/objects';
import { fieldPath } from '../../kube/paths';

// cert-manager's ingress-shim creates the secret for Ingresses carrying one of these.
const SHIM_ANNOTATIONS = [
  'cert-manager.io/cluster-issuer',
  'cert-manager.io/issuer',
];

/**
 * An Ingress TLS entry naming a Secret that does not exist serves the controller's fallback
 * certificate. A cert-manager Certificate that will write the secret counts as present.
 * Runs only when the objects include Secrets (see `settings.secretsListed`).
 */
export const ingressTlsSecret = objectCheck(
  {
    id: 'ingress-tls-secret',
    title: 'Ingress TLS secrets exist',
    severity: 'danger',
    category: 'networking',
    remediation:
      'Create the Secret named in spec.tls[].secretName, or a cert-manager Certificate with that spec.secretName.',
    docsUrl: docsUrl('ingress-tls-secret'),
    appliesTo: ['Ingress'],
  },
  {
    select: context =>
      context.settings.secretsListed ? context.ofKind('Ingress') : [],
    evaluate(ingress, context) {
      const namespace = context.namespaceOf(ingress) ?? '';
      const annotations = ingress.metadata?.annotations ?? {};
      if (SHIM_ANNOTATIONS.some(a => annotations[a])) {
        return pass('cert-manager creates the TLS secrets of this Ingress.');
      }
      const certificateSecrets = new Set(
        context
          .inNamespace('Certificate', namespace)
          .map(certificate => get(certificate, 'spec', 'secretName')),
      );
      const entries = asArray<{ secretName?: string }>(
        get(ingress, 'spec', 'tls'),
      )
        .map((entry, index) => ({ name: entry?.secretName, index }))
        .filter(
          (e): e is { name: string; index: number } =>
            typeof e.name === 'string',
        );
      if (entries.length === 0) return undefined;
      const missing = entries.filter(
        e =>
          !context.find('Secret', namespace, e.name) &&
          !certificateSecrets.has(e.name),
      );
      if (missing.length === 0)
        return pass('Every TLS secret of the Ingress exists.');
      return fail(
        `TLS secret${missing.length > 1 ? 's' : ''} missing: ${missing
          .map(m => m.name)
          .join(', ')}.`,
        missing.map(m => fieldPath('spec', 'tls', m.index, 'secretName')),
      );
    },
  },
);
