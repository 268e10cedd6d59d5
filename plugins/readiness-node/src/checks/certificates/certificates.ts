import { docsUrl, fail, objectCheck, pass } from '../../engine/defineCheck';
import { CheckContext } from '../../engine/types';
import { get, parseTime } from '../../kube/objects';
import { conditionDetail, findCondition, hasStatus } from '../../kube/status';

const DAY = 86400_000;

function certificates(context: CheckContext) {
  return context.ofKind('Certificate', 'cert-manager.io').filter(hasStatus);
}

/** A Certificate that is not Ready is not being served, or not being renewed. */
export const certificateReady = objectCheck(
  {
    id: 'certificate-ready',
    title: 'cert-manager Certificates are Ready',
    severity: 'danger',
    category: 'reliability',
    remediation:
      "Inspect the Certificate's CertificateRequest and Order (kubectl describe) and fix the issuer or the DNS/HTTP challenge.",
    docsUrl: docsUrl('certificate-ready'),
    appliesTo: ['Certificate'],
  },
  {
    select: certificates,
    evaluate(certificate) {
      const { condition, path } = findCondition(certificate, 'Ready');
      if (condition?.status === 'True')
        return pass('The Certificate is Ready.');
      return fail(
        `The Certificate is not Ready${
          conditionDetail(condition) || ': no Ready condition'
        }.`,
        [path],
      );
    },
  },
);

/** Renewal normally happens a third of the lifetime before expiry; a close expiry means it did not. */
export const certificateExpiry = objectCheck(
  {
    id: 'certificate-expiry',
    title: 'Certificates are not about to expire',
    severity: 'warning',
    category: 'reliability',
    remediation:
      'Find why cert-manager has not renewed the certificate (issuer errors, rate limits) and renew it (cmctl renew).',
    docsUrl: docsUrl('certificate-expiry'),
    appliesTo: ['Certificate'],
  },
  {
    select: certificates,
    evaluate(certificate, context) {
      const notAfter = parseTime(get(certificate, 'status', 'notAfter'));
      if (!notAfter) return undefined;
      const days = (notAfter.getTime() - context.now.getTime()) / DAY;
      const window = context.settings.certificateExpiryDays;
      const date = notAfter.toISOString().slice(0, 10);
      if (days < 0) {
        return fail(`The Certificate expired on ${date}.`, ['status.notAfter']);
      }
      if (days < window) {
        return fail(
          `The Certificate expires on ${date}, in ${Math.floor(
            days,
          )} days (window: ${window} days).`,
          ['status.notAfter'],
        );
      }
      return pass(`The Certificate is valid until ${date}.`);
    },
  },
);
