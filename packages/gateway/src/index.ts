/**
 * Hatchway's standalone WebSocket gateway: verifies one-time session tickets and splices browser
 * shells to their ttyd runners.
 *
 * @packageDocumentation
 */
export { startGateway } from './gateway/startGateway';
export type {
  RunningGateway,
  StartGatewayOptions,
} from './gateway/startGateway';
export {
  loadGatewayConfig,
  parseGatewayConfig,
  applyEnvironment,
  GatewayConfigError,
  ENV_PREFIX,
} from './config/load';
export { gatewayConfigSchema, DEFAULT_POD_CIDRS } from './config/schema';
export type { GatewayConfig, GatewayConfigInput } from './config/schema';
export { createLogger } from './observability/logger';
export type {
  GatewayLogger,
  LogLevel,
  LogFields,
} from './observability/logger';
export { TOO_MANY_CLOSE_CODE } from './session/Refusal';
export { runGatewayCli } from './runGatewayCli';
