import { docsUrl, fail, namespaceCheck, pass } from '../../engine/defineCheck';
import { cidrContains } from '../../kube/cidr';
import { asArray, asRecord } from '../../kube/objects';
import { fieldPath } from '../../kube/paths';
import { PolicyRule, policiesIn, selectsAllPods } from './policies';

/** The cloud instance metadata endpoint: node credentials for whoever asks. */
export const METADATA_ADDRESS = '169.254.169.254';

/** Whether a rule's ports could include the metadata service (HTTP on port 80). */
function portsAllowHttp(rule: PolicyRule): boolean {
  const ports = asArray<NonNullable<PolicyRule['ports']>[number]>(rule.ports);
  if (ports.length === 0) return true;
  return ports.some(p => {
    if (p?.protocol !== undefined && p.protocol !== 'TCP') return false; // HTTP is TCP
    if (p?.port === undefined || typeof p.port === 'string') return true; // all ports, or a named port
    const end = typeof p.endPort === 'number' ? p.endPort : p.port;
    return p.port <= 80 && end >= 80;
  });
}

/** Whether a peer list lets traffic reach the metadata address. */
function peersReachMetadata(rule: PolicyRule): boolean {
  const peers = asArray<Record<string, unknown>>(rule.to);
  if (peers.length === 0) return true; // no `to`: every destination
  return peers.some(peer => {
    const block = asRecord(peer?.ipBlock);
    if (!block || typeof block.cidr !== 'string') return false; // pod and namespace selectors
    if (!cidrContains(block.cidr, METADATA_ADDRESS)) return false;
    return !asArray<string>(block.except).some(e =>
      cidrContains(String(e), METADATA_ADDRESS),
    );
  });
}

/**
 * Every pod's egress to 169.254.169.254 must be blocked. Allowed traffic is the union of all
 * egress policies, so one rule anywhere in the namespace that reaches the address is enough to
 * fail, and pods outside every egress policy are unrestricted — hence the namespace needs an
 * egress policy selecting all pods.
 */
export const metadataEgressBlocked = namespaceCheck(
  {
    id: 'metadata-egress-blocked',
    title: 'Egress to the cloud metadata endpoint is blocked',
    severity: 'danger',
    category: 'networking',
    remediation:
      'Add a default-deny egress NetworkPolicy (podSelector: {}), and write any ipBlock allowing 0.0.0.0/0 with except: [169.254.169.254/32].',
    docsUrl: docsUrl('metadata-egress-blocked'),
    appliesTo: ['Namespace'],
  },
  {
    evaluate(namespace, context) {
      const egress = policiesIn(context, namespace).filter(p => p.egress);
      if (!egress.some(p => selectsAllPods(p.podSelector))) {
        return fail(
          `Namespace ${namespace} has no egress NetworkPolicy selecting every pod, so pods can reach ${METADATA_ADDRESS}.`,
        );
      }
      for (const policy of egress) {
        const index = policy.egressRules.findIndex(
          rule => portsAllowHttp(rule) && peersReachMetadata(rule),
        );
        if (index >= 0) {
          return fail(
            `NetworkPolicy ${policy.name} rule ${fieldPath(
              'spec',
              'egress',
              index,
            )} allows egress to ${METADATA_ADDRESS}.`,
          );
        }
      }
      return pass(`Egress to ${METADATA_ADDRESS} is blocked for every pod.`);
    },
  },
);
