import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { vclusterEntityFilter } from './filters';

/** The "Shell" tab of a vCluster: `entity-content:terminal/shell`. */
export const entityShellContent = EntityContentBlueprint.make({
  name: 'shell',
  params: {
    path: '/shell',
    title: 'Shell',
    filter: vclusterEntityFilter,
    loader: () =>
      import('../components/EntityShellContent/EntityShellContent').then(m => (
        <m.EntityShellContent />
      )),
  },
});
