import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import VerifiedUserIcon from '@material-ui/icons/VerifiedUser';
import { readinessApi } from './extensions/apis';
import {
  entityPlatformCard,
  entityReadinessCard,
  groupReadinessCard,
} from './extensions/entityCards';
import { entityReadinessContent } from './extensions/entityContents';
import { readinessPage } from './extensions/pages';
import { entityReadinessRouteRef, rootRouteRef } from './routes';

/**
 * Hatchway's infra readiness: the `/readiness` compliance page (workloads and the platform
 * board), the entity card and tab for workloads, the platform component card, the team card on
 * Group pages, and the API they share.
 * @public
 */
export const readinessPlugin = createFrontendPlugin({
  pluginId: 'readiness',
  title: 'Readiness',
  icon: <VerifiedUserIcon fontSize="inherit" />,
  routes: { root: rootRouteRef, entityContent: entityReadinessRouteRef },
  extensions: [
    readinessApi,
    readinessPage,
    entityReadinessCard,
    entityPlatformCard,
    entityReadinessContent,
    groupReadinessCard,
  ],
});
