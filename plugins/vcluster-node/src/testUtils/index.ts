/**
 * Test helpers for packages that test vCluster provisioning against a Kubernetes API server
 * (the emulator): import from `@hatchway/plugin-vcluster-node/testUtils` in tests only.
 *
 * @packageDocumentation
 */
export { installArgoCdCrd } from './argoCdCrd';
export { eventually } from './eventually';
