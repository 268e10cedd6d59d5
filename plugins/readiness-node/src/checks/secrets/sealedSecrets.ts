import { docsUrl, fail, objectCheck, pass } from '../../engine/defineCheck';
import { conditionDetail, findCondition, hasStatus } from '../../kube/status';

/** A SealedSecret the controller could not unseal leaves its Secret missing or old. */
export const sealedSecretSynced = objectCheck(
  {
    id: 'sealed-secret-synced',
    title: 'SealedSecrets are unsealed',
    severity: 'danger',
    category: 'secrets',
    remediation:
      "Re-seal the secret with the cluster's current public key (kubeseal --fetch-cert) and check the controller's logs.",
    docsUrl: docsUrl('sealed-secret-synced'),
    appliesTo: ['SealedSecret'],
  },
  {
    select: context =>
      context
        .ofKind('SealedSecret')
        .filter(o => o.apiVersion === 'bitnami.com/v1alpha1' && hasStatus(o)),
    evaluate(secret) {
      const { condition, path } = findCondition(secret, 'Synced');
      if (condition?.status === 'True')
        return pass('The SealedSecret is unsealed.');
      return fail(
        `The SealedSecret is not synced${
          conditionDetail(condition) || ': no Synced condition'
        }.`,
        [path],
      );
    },
  },
);
