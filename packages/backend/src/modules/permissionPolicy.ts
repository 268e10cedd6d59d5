import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { HatchwayPermissionPolicy } from './HatchwayPermissionPolicy';

/**
 * Installs {@link HatchwayPermissionPolicy} as the portal's permission policy.
 */
export const hatchwayPermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'hatchway-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        policy: policyExtensionPoint,
      },
      async init({ config, policy }) {
        policy.setPolicy(HatchwayPermissionPolicy.fromConfig(config));
      },
    });
  },
});
