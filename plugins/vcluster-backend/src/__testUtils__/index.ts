/**
 * Test helpers for packages that test against the real vCluster backend on the emulator, e.g.
 * the scaffolder module's journey test. Not an export of the package: they need this package's
 * devDependencies, which exist in this monorepo only.
 */
export {
  adminKubeConfig,
  eventually,
  startHostEmulator,
  TEST_TOKEN,
} from './emulator';
export { hostClusterConfig, startVClusterBackend } from './backend';
export { portalPermissions, portalUserInfo, USERS } from './portalPolicy';
