import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read readiness scores, findings, trends and exemptions.
 * @public
 */
export const readinessResultsReadPermission = createPermission({
  name: 'readiness.results.read',
  attributes: { action: 'read' },
});

/**
 * Create an exemption (an accepted risk with a reason, an owner and an expiry).
 * @public
 */
export const readinessExemptionCreatePermission = createPermission({
  name: 'readiness.exemption.create',
  attributes: { action: 'create' },
});

/**
 * Delete an exemption, which makes its failures count again at once.
 * @public
 */
export const readinessExemptionDeletePermission = createPermission({
  name: 'readiness.exemption.delete',
  attributes: { action: 'delete' },
});

/**
 * Every readiness permission, for the backend's permission integration router.
 * @public
 */
export const readinessPermissions = [
  readinessResultsReadPermission,
  readinessExemptionCreatePermission,
  readinessExemptionDeletePermission,
];
