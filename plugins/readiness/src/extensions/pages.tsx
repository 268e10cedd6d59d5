import { PageBlueprint } from '@backstage/frontend-plugin-api';
import VerifiedUserIcon from '@material-ui/icons/VerifiedUser';
import { rootRouteRef } from '../routes';

/** The `/readiness` compliance page and its nav item: extension id `page:readiness`. */
export const readinessPage = PageBlueprint.make({
  params: {
    path: '/readiness',
    title: 'Readiness',
    icon: <VerifiedUserIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    loader: () =>
      import('../components/ReadinessPage/ReadinessPage').then(m => (
        <m.ReadinessPage />
      )),
  },
});
