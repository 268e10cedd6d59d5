import type { KubernetesObject, V1PolicyRule } from '@kubernetes/client-node';

/**
 * What the chart's Roles and ClusterRoles grant that least privilege forbids, one sentence per
 * rule: wildcards, escalate or impersonate, nodes/proxy, bind beyond the vCluster manager role,
 * Secrets or exec in a role bound cluster-wide, and pods/exec outside the manager role (which the
 * vCluster's own Role needs, inside vCluster namespaces only).
 */
export function auditRbac(objects: KubernetesObject[], managerRole: string) {
  const ofKind = (kind: string) =>
    objects.filter(o => o.kind === kind) as any[];
  const findings: string[] = [];
  const boundClusterWide = new Set(
    ofKind('ClusterRoleBinding').map(b => b.roleRef.name),
  );
  for (const role of [...ofKind('ClusterRole'), ...ofKind('Role')]) {
    const clusterWide =
      role.kind === 'ClusterRole' && boundClusterWide.has(role.metadata.name);
    for (const rule of role.rules as V1PolicyRule[]) {
      const where = `${role.kind} ${role.metadata.name}: ${JSON.stringify(
        rule,
      )}`;
      const resources = rule.resources ?? [];
      if (
        [...rule.verbs, ...resources, ...(rule.apiGroups ?? [])].includes('*')
      )
        findings.push(`wildcard in ${where}`);
      if (rule.verbs.some(v => ['escalate', 'impersonate'].includes(v)))
        findings.push(`escalate/impersonate in ${where}`);
      if (resources.includes('nodes/proxy'))
        findings.push(`nodes/proxy in ${where}`);
      if (
        rule.verbs.includes('bind') &&
        JSON.stringify(rule.resourceNames) !== JSON.stringify([managerRole])
      )
        findings.push(`bind beyond the manager role in ${where}`);
      if (
        clusterWide &&
        resources.some(r =>
          ['secrets', 'pods/exec', 'pods/attach', 'pods/portforward'].includes(
            r,
          ),
        )
      )
        findings.push(`secrets or exec cluster-wide in ${where}`);
      // pods/exec is tolerated only in the manager role, bound per vCluster namespace.
      if (resources.includes('pods/exec') && role.metadata.name !== managerRole)
        findings.push(`pods/exec outside the vCluster manager in ${where}`);
    }
  }
  return { findings, boundClusterWide };
}
