import {
  createPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/** The resource type of a terminal session; its resource ref is the session id. @public */
export const TERMINAL_SESSION_RESOURCE_TYPE = 'terminal-session';

/** Start a session. @public */
export const terminalSessionCreatePermission = createPermission({
  name: 'terminal.session.create',
  attributes: { action: 'create' },
});

/**
 * Use a session: read it, ask for a ticket to connect, end it, fetch its recording. Granted to
 * the owner through the `IS_OWNER` rule the terminal backend registers. @public
 */
export const terminalSessionUsePermission: ResourcePermission<
  typeof TERMINAL_SESSION_RESOURCE_TYPE
> = createPermission({
  name: 'terminal.session.use',
  attributes: { action: 'update' },
  resourceType: TERMINAL_SESSION_RESOURCE_TYPE,
});

/** See and end everyone's sessions. @public */
export const terminalSessionAdminPermission = createPermission({
  name: 'terminal.session.admin',
  attributes: {},
});

/** Every terminal permission, for the backend's permission integration. @public */
export const terminalPermissions = [
  terminalSessionCreatePermission,
  terminalSessionUsePermission,
  terminalSessionAdminPermission,
];
