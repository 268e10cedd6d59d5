import { CheckCase } from '../runCheck';
import {
  certificate,
  deployment,
  hardenedPolicies,
  ingress,
  namespace,
  networkPolicy,
  secret,
} from '../builders';

const denyAll = networkPolicy('default-deny', {
  podSelector: {},
  policyTypes: ['Ingress', 'Egress'],
});
const egressTo = (name: string, rule: object, podSelector: object = {}) =>
  networkPolicy(name, { podSelector, policyTypes: ['Egress'], egress: [rule] });

/** Pass and fail scenarios for NetworkPolicy and Ingress checks. */
export const networkCases: CheckCase[] = [
  {
    checkId: 'network-policy-coverage',
    name: 'selected by a label-matching policy',
    objects: [
      deployment(),
      networkPolicy('web', {
        podSelector: {
          matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }],
        },
      }),
    ],
    expect: 'passed',
  },
  {
    checkId: 'network-policy-coverage',
    name: 'only policies for other pods',
    objects: [
      deployment(),
      networkPolicy('api', { podSelector: { matchLabels: { app: 'api' } } }),
    ],
    expect: 'failed',
    message: /No NetworkPolicy in namespace team-a selects the pods/,
  },
  {
    checkId: 'default-deny-ingress',
    name: 'deny-all policy',
    objects: [namespace(), denyAll],
    expect: 'passed',
  },
  {
    checkId: 'default-deny-ingress',
    name: 'policy without policyTypes and no rules (Ingress implied)',
    objects: [namespace(), networkPolicy('deny', { podSelector: {} })],
    expect: 'passed',
  },
  {
    checkId: 'default-deny-ingress',
    name: 'all-pods policy with an allow-everything rule',
    objects: [
      namespace(),
      networkPolicy('open', {
        podSelector: {},
        policyTypes: ['Ingress'],
        ingress: [{}],
      }),
    ],
    expect: 'failed',
    message: /no default-deny ingress/,
  },
  {
    checkId: 'default-deny-egress',
    name: 'deny-all policy, found for a namespace known only from its workloads',
    objects: [deployment(), denyAll],
    expect: 'passed',
  },
  {
    checkId: 'default-deny-egress',
    name: 'only an ingress default-deny',
    objects: [
      namespace(),
      networkPolicy('deny', { podSelector: {}, policyTypes: ['Ingress'] }),
    ],
    expect: 'failed',
  },
  {
    checkId: 'metadata-egress-blocked',
    name: 'default-deny egress with DNS allowed',
    objects: [namespace(), ...hardenedPolicies()],
    expect: 'passed',
  },
  {
    checkId: 'metadata-egress-blocked',
    name: '0.0.0.0/0 with the metadata address excepted',
    objects: [
      namespace(),
      denyAll,
      egressTo('internet', {
        to: [
          {
            ipBlock: {
              cidr: '0.0.0.0/0',
              except: ['169.254.169.254/32', '10.0.0.0/8'],
            },
          },
        ],
      }),
    ],
    expect: 'passed',
  },
  {
    checkId: 'metadata-egress-blocked',
    name: 'any destination, but only UDP 53',
    objects: [
      namespace(),
      denyAll,
      egressTo('dns', { ports: [{ port: 53, protocol: 'UDP' }] }),
    ],
    expect: 'passed',
  },
  {
    checkId: 'metadata-egress-blocked',
    name: 'no egress policy at all',
    objects: [namespace()],
    expect: 'failed',
    message: /no egress NetworkPolicy selecting every pod/,
  },
  {
    checkId: 'metadata-egress-blocked',
    name: '0.0.0.0/0 without an except',
    objects: [
      namespace(),
      denyAll,
      egressTo('internet', { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }),
    ],
    expect: 'failed',
    message:
      /NetworkPolicy internet rule spec.egress\[0\] allows egress to 169.254.169.254/,
  },
  {
    checkId: 'metadata-egress-blocked',
    name: 'an except that does not cover the address',
    objects: [
      namespace(),
      denyAll,
      egressTo('internet', {
        to: [
          { ipBlock: { cidr: '169.254.0.0/16', except: ['169.254.170.0/24'] } },
        ],
      }),
    ],
    expect: 'failed',
  },
  {
    checkId: 'metadata-egress-blocked',
    name: 'an allow-all egress rule for some pods',
    objects: [
      namespace(),
      denyAll,
      egressTo('open', {}, { matchLabels: { app: 'web' } }),
    ],
    expect: 'failed',
    message: /NetworkPolicy open/,
  },
  {
    checkId: 'ingress-tls',
    name: 'every host has TLS',
    objects: [ingress()],
    expect: 'passed',
  },
  {
    checkId: 'ingress-tls',
    name: 'a wildcard TLS host covers a subdomain',
    objects: [ingress(i => (i.spec.tls[0].hosts = ['*.example.com']))],
    expect: 'passed',
  },
  {
    checkId: 'ingress-tls',
    name: 'no TLS section',
    objects: [ingress(i => delete i.spec.tls)],
    expect: 'failed',
    fieldPaths: ['spec.tls'],
  },
  {
    checkId: 'ingress-tls',
    name: 'one host without TLS',
    objects: [ingress(i => i.spec.rules.push({ host: 'admin.other.org' }))],
    expect: 'failed',
    message: /Hosts without TLS: admin.other.org/,
  },
  {
    checkId: 'ingress-class-annotation',
    name: 'ingressClassName',
    objects: [ingress()],
    expect: 'passed',
  },
  {
    checkId: 'ingress-class-annotation',
    name: 'deprecated annotation',
    objects: [
      ingress(
        i =>
          (i.metadata.annotations = { 'kubernetes.io/ingress.class': 'nginx' }),
      ),
    ],
    expect: 'failed',
    fieldPaths: ["metadata.annotations['kubernetes.io/ingress.class']"],
  },
  {
    checkId: 'ingress-tls-secret',
    name: 'the Secret exists',
    objects: [ingress(), secret('web-tls')],
    expect: 'passed',
  },
  {
    checkId: 'ingress-tls-secret',
    name: 'a Certificate will write the Secret',
    objects: [
      ingress(),
      secret('other'),
      certificate({ secretName: 'web-tls' }),
    ],
    expect: 'passed',
  },
  {
    checkId: 'ingress-tls-secret',
    name: 'the Secret is missing',
    objects: [ingress(), secret('other-tls')],
    expect: 'failed',
    message: /TLS secret missing: web-tls/,
    fieldPaths: ['spec.tls[0].secretName'],
  },
  {
    checkId: 'ingress-tls-secret',
    name: 'no Secrets listed at all (rendered manifests)',
    objects: [ingress()],
    expect: 'none',
  },
];
