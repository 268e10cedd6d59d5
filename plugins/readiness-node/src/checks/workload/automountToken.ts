import { docsUrl, fail, pass, workloadCheck } from '../../engine/defineCheck';

/**
 * Most pods never call the Kubernetes API; a mounted token is a credential an intruder can use.
 * The ServiceAccount's own setting counts when the pod leaves it unset.
 */
export const noAutomountServiceAccountToken = workloadCheck(
  {
    id: 'no-automount-service-account-token',
    title: 'Service account token is not mounted automatically',
    severity: 'warning',
    category: 'security',
    remediation:
      'Set automountServiceAccountToken: false on the pod spec (or its ServiceAccount) unless the pod calls the Kubernetes API.',
    docsUrl: docsUrl('no-automount-service-account-token'),
  },
  {
    evaluate(workload, context) {
      const own = workload.podSpec.automountServiceAccountToken;
      if (own === false)
        return pass('Pods do not mount a service account token.');
      if (own === true) {
        return fail(
          'Pods mount a service account token (automountServiceAccountToken: true).',
          [workload.at('automountServiceAccountToken')],
        );
      }
      const name =
        workload.podSpec.serviceAccountName ??
        workload.podSpec.serviceAccount ??
        'default';
      const account = context.find(
        'ServiceAccount',
        context.namespaceOf(workload.object),
        name,
      );
      if (account?.automountServiceAccountToken === false) {
        return pass(
          `Pods do not mount a token: ServiceAccount ${name} disables it.`,
        );
      }
      return fail(
        `Pods mount the token of ServiceAccount ${name}: automountServiceAccountToken is not false.`,
        [workload.at('automountServiceAccountToken')],
      );
    },
  },
);
