import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

/** The Hatchway portal. Plugins listed in package.json are discovered through `app.packages`. */
export default createApp({
  features: [catalogPlugin, navModule, signInModule],
});
