import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import TerminalIcon from '@material-ui/icons/Computer';
import { terminalApi } from './extensions/apis';
import { entityShellContent } from './extensions/entityContents';
import { terminalPage } from './extensions/pages';
import { rootRouteRef, sessionRouteRef } from './routes';

/**
 * Hatchway's session terminals: the `/terminal` page (the caller's sessions and a browser
 * shell for each), the "Shell" tab of vClusters, and the API they share.
 * @public
 */
export const terminalPlugin = createFrontendPlugin({
  pluginId: 'terminal',
  title: 'Terminal',
  icon: <TerminalIcon fontSize="inherit" />,
  routes: { root: rootRouteRef, session: sessionRouteRef },
  extensions: [terminalApi, terminalPage, entityShellContent],
});
