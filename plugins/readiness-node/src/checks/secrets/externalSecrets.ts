import { docsUrl, fail, objectCheck, pass } from '../../engine/defineCheck';
import { CheckContext } from '../../engine/types';
import { formatAge, parseGoDuration } from '../../kube/duration';
import { get, parseTime } from '../../kube/objects';
import { conditionDetail, findCondition, hasStatus } from '../../kube/status';

const VERSIONS = ['external-secrets.io/v1beta1', 'external-secrets.io/v1'];

function externalSecrets(context: CheckContext) {
  return context
    .ofKind('ExternalSecret')
    .filter(o => VERSIONS.includes(o.apiVersion ?? '') && hasStatus(o));
}

/** An ExternalSecret that is not synced leaves its Secret stale or missing. */
export const externalSecretSynced = objectCheck(
  {
    id: 'external-secret-synced',
    title: 'ExternalSecrets are synced',
    severity: 'danger',
    category: 'secrets',
    remediation:
      "Fix what the Ready condition reports (SecretStore credentials, the remote key's name, access policy) so it becomes True with reason SecretSynced.",
    docsUrl: docsUrl('external-secret-synced'),
    appliesTo: ['ExternalSecret'],
  },
  {
    select: externalSecrets,
    evaluate(secret) {
      const { condition, path } = findCondition(secret, 'Ready');
      if (condition?.status === 'True' && condition.reason === 'SecretSynced') {
        return pass('The ExternalSecret is synced.');
      }
      return fail(
        `The ExternalSecret is not synced${
          conditionDetail(condition) || ': no Ready condition'
        }.`,
        [path],
      );
    },
  },
);

/**
 * A Ready ExternalSecret can still be stale when the operator stopped refreshing it. The default
 * allowance is two refresh intervals; secrets with `refreshInterval: 0` sync once and are skipped.
 */
export const externalSecretFresh = objectCheck(
  {
    id: 'external-secret-fresh',
    title: 'ExternalSecrets were refreshed recently',
    severity: 'warning',
    category: 'secrets',
    remediation:
      'Check that the External Secrets Operator is running and can reach the secret store; status.refreshTime should advance every refreshInterval.',
    docsUrl: docsUrl('external-secret-fresh'),
    appliesTo: ['ExternalSecret'],
  },
  {
    select: externalSecrets,
    evaluate(secret, context) {
      const interval =
        parseGoDuration(get(secret, 'spec', 'refreshInterval') ?? '1h') ?? 3600;
      if (interval === 0) return undefined;
      const maxAge =
        context.settings.externalSecretMaxAgeSeconds ?? interval * 2;
      const refreshed = parseTime(get(secret, 'status', 'refreshTime'));
      if (!refreshed)
        return fail('The ExternalSecret has never been refreshed.', [
          'status.refreshTime',
        ]);
      const age = Math.round(
        (context.now.getTime() - refreshed.getTime()) / 1000,
      );
      if (age <= maxAge)
        return pass(`The ExternalSecret was refreshed ${formatAge(age)} ago.`);
      return fail(
        `The ExternalSecret was last refreshed ${formatAge(
          age,
        )} ago (allowed: ${formatAge(maxAge)}).`,
        ['status.refreshTime'],
      );
    },
  },
);
