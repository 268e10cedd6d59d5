import { usePermission } from '@backstage/plugin-permission-react';
import {
  readinessExemptionCreatePermission,
  readinessExemptionDeletePermission,
} from '@hatchway/plugin-readiness-common';

/**
 * Whether the signed-in user may create and delete exemptions. Both are false while the
 * decision is pending, so the buttons never flash up for someone who may not use them.
 */
export function useExemptionPermissions(): {
  canCreate: boolean;
  canDelete: boolean;
} {
  const create = usePermission({
    permission: readinessExemptionCreatePermission,
  });
  const remove = usePermission({
    permission: readinessExemptionDeletePermission,
  });
  return {
    canCreate: !create.loading && create.allowed,
    canDelete: !remove.loading && remove.allowed,
  };
}
