import {
  readinessExemptionCreatePermission,
  readinessExemptionDeletePermission,
  readinessPermissions,
  readinessResultsReadPermission,
} from './permissions';

describe('readiness permissions', () => {
  it('defines read, create and delete permissions under the readiness names', () => {
    expect(readinessResultsReadPermission).toEqual({
      type: 'basic',
      name: 'readiness.results.read',
      attributes: { action: 'read' },
    });
    expect(readinessExemptionCreatePermission).toMatchObject({
      name: 'readiness.exemption.create',
      attributes: { action: 'create' },
    });
    expect(readinessExemptionDeletePermission).toMatchObject({
      name: 'readiness.exemption.delete',
      attributes: { action: 'delete' },
    });
  });

  it('lists every permission for the permission integration router', () => {
    expect(readinessPermissions.map(p => p.name)).toEqual([
      'readiness.results.read',
      'readiness.exemption.create',
      'readiness.exemption.delete',
    ]);
  });
});
