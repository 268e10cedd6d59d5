import { docsUrl, fail, objectCheck, pass } from '../../engine/defineCheck';
import { asArray, get } from '../../kube/objects';

/** Whether a TLS host entry (possibly `*.example.com`) covers a rule host. */
export function tlsHostCovers(tlsHost: string, host: string): boolean {
  if (tlsHost === host) return true;
  if (!tlsHost.startsWith('*.')) return false;
  const suffix = tlsHost.slice(1); // ".example.com"
  return host.endsWith(suffix) && !host.slice(0, -suffix.length).includes('.');
}

/** Every host an Ingress serves must be covered by a TLS entry. */
export const ingressTls = objectCheck(
  {
    id: 'ingress-tls',
    title: 'Ingresses serve every host over TLS',
    severity: 'warning',
    category: 'networking',
    remediation:
      'Add spec.tls entries covering every host in spec.rules (cert-manager can issue the certificates).',
    docsUrl: docsUrl('ingress-tls'),
    appliesTo: ['Ingress'],
  },
  {
    select: context => context.ofKind('Ingress'),
    evaluate(ingress) {
      const tls = asArray<{ hosts?: string[] }>(get(ingress, 'spec', 'tls'));
      if (tls.length === 0)
        return fail('The Ingress has no TLS section.', ['spec.tls']);
      const tlsHosts = tls.flatMap(entry => asArray<string>(entry?.hosts));
      const uncovered = asArray<{ host?: string }>(
        get(ingress, 'spec', 'rules'),
      )
        .map(rule => rule?.host)
        .filter(
          (host): host is string => typeof host === 'string' && host !== '',
        )
        .filter(
          host => !tlsHosts.some(tlsHost => tlsHostCovers(tlsHost, host)),
        );
      if (uncovered.length > 0) {
        return fail(`Hosts without TLS: ${uncovered.join(', ')}.`, [
          'spec.tls',
        ]);
      }
      return pass('Every host of the Ingress is served over TLS.');
    },
  },
);
