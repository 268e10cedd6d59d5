import {
  containerCheck,
  docsUrl,
  fail,
  objectCheck,
  pass,
  passes,
} from '../../engine/defineCheck';
import { asArray, asRecord, get } from '../../kube/objects';
import { fieldPath } from '../../kube/paths';
import { describe } from '../workload/securityContext';
import { credentialReason } from './credentialPatterns';

const NO_CREDENTIAL = passes(
  (label: string) => `${label} sets no credential as a plain value.`,
);

interface EnvVar {
  name?: unknown;
  value?: unknown;
}

/**
 * A credential in an env `value` is readable by anyone who can read the workload (and sits in
 * every copy of its manifest); `valueFrom.secretKeyRef` keeps it in a Secret. Messages name the
 * variables, never their values.
 */
export const noCredentialsInEnv = containerCheck(
  {
    id: 'no-credentials-in-env',
    title: 'No plaintext credentials in container environment variables',
    severity: 'danger',
    category: 'secrets',
    remediation:
      'Move the value into a Secret and reference it with env[].valueFrom.secretKeyRef (or envFrom.secretRef).',
    docsUrl: docsUrl('no-credentials-in-env'),
  },
  {
    includeInit: true,
    evaluate(container) {
      const bad = asArray<EnvVar>(get(container.container, 'env'))
        .map((variable, index) => ({ variable, index }))
        .filter(({ variable }) =>
          credentialReason(String(variable?.name ?? ''), variable?.value),
        );
      if (bad.length === 0) return NO_CREDENTIAL(describe(container));
      const names = bad.map(({ variable }) => String(variable.name));
      return fail(
        `${describe(container)} sets ${names.join(
          ', ',
        )} as a plain value; it looks like a credential.`,
        bad.map(({ index }) => container.at(fieldPath('env', index, 'value'))),
      );
    },
  },
);

/** ConfigMaps are not access-controlled like Secrets: any reader of the namespace sees them. */
export const noCredentialsInConfigMaps = objectCheck(
  {
    id: 'no-credentials-in-configmaps',
    title: 'No plaintext credentials in ConfigMaps',
    severity: 'danger',
    category: 'secrets',
    remediation:
      'Move credentials and private keys into a Secret (or an ExternalSecret) and mount that instead.',
    docsUrl: docsUrl('no-credentials-in-configmaps'),
    appliesTo: ['ConfigMap'],
  },
  {
    select: context => context.ofKind('ConfigMap', ''),
    evaluate(configMap) {
      const data = asRecord(configMap.data) ?? {};
      // An empty ConfigMap has nothing to judge (and nothing to leak).
      if (Object.keys(data).length === 0) return undefined;
      const bad = Object.keys(data).filter(key =>
        credentialReason(key, data[key]),
      );
      if (bad.length === 0)
        return pass('The ConfigMap holds no credential-like entry.');
      return fail(
        `The ConfigMap holds ${bad.join(
          ', ',
        )}, which look like credentials or private keys.`,
        bad.map(key => fieldPath('data', key)),
      );
    },
  },
);
