import { PageBlueprint } from '@backstage/frontend-plugin-api';
import TerminalIcon from '@material-ui/icons/Computer';
import { rootRouteRef } from '../routes';

/** The `/terminal` page and its nav item "Terminal": extension id `page:terminal`. */
export const terminalPage = PageBlueprint.make({
  params: {
    path: '/terminal',
    title: 'Terminal',
    icon: <TerminalIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    loader: () =>
      import('../components/TerminalPage/TerminalPage').then(m => (
        <m.TerminalPage />
      )),
  },
});
