import { isResourcePermission } from '@backstage/plugin-permission-common';
import {
  VCLUSTER_RESOURCE_TYPE,
  vclusterAuditAdminPermission,
  vclusterCreatePermission,
  vclusterPermissions,
} from './permissions';

describe('vCluster permissions', () => {
  it('names and actions match the portal policy', () => {
    expect(
      vclusterPermissions.map(p => [
        p.name,
        p.attributes.action,
        isResourcePermission(p) ? p.resourceType : undefined,
      ]),
    ).toEqual([
      ['vcluster.cluster.create', 'create', undefined],
      ['vcluster.cluster.read', 'read', VCLUSTER_RESOURCE_TYPE],
      ['vcluster.cluster.update', 'update', VCLUSTER_RESOURCE_TYPE],
      ['vcluster.cluster.delete', 'delete', VCLUSTER_RESOURCE_TYPE],
      ['vcluster.cluster.kubeconfig', 'read', VCLUSTER_RESOURCE_TYPE],
      ['vcluster.audit.admin', undefined, undefined],
    ]);
  });

  it('creation and audit are basic permissions', () => {
    expect(vclusterCreatePermission.type).toBe('basic');
    expect(vclusterAuditAdminPermission.type).toBe('basic');
  });
});
