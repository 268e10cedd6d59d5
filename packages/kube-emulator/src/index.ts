/**
 * A Kubernetes API server emulator: a real HTTP server speaking the Kubernetes REST API as JSON,
 * for local development and tests with `@kubernetes/client-node` and `kubectl`.
 *
 * @packageDocumentation
 */

export { startApiServer } from './startApiServer';
export { startEmulator } from './startEmulator';
export type { EmulatorOptions, RunningEmulator } from './startEmulator';
export {
  startControllers,
  DEFAULT_TIMINGS,
  ANNOTATION_PREFIX,
} from './controllers';
export type {
  Behavior,
  ControllerLogger,
  ControllerOptions,
  ControllerTimings,
  EnabledControllers,
  NestedCluster,
  ProcessPodRule,
  RunningControllers,
  VClusterHooks,
} from './controllers';
export type { ApiServerOptions, RunningApiServer } from './startApiServer';
export type {
  KubeObject,
  ObjectMeta,
  OwnerReference,
  ManagedFieldsEntry,
  UserInfo,
} from './types';
export type { FaultRule, Fault, FaultsApi } from './server/faults';
export { parseManifests } from './state/manifests';
export type { ApplyManifestsOptions } from './state/manifests';
export { buildKubeConfig, kubeConfigYaml } from './kubeconfig';
export type { KubeConfigParams } from './kubeconfig';
