import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { vclusterDetailsRouteRef } from '../../routes';

/** The vCluster's name, linking to its page when the page is installed. */
export const VClusterLink = ({ name }: { name: string }) => {
  const detailsRoute = useRouteRef(vclusterDetailsRouteRef);
  if (!detailsRoute) return <>{name}</>;
  return <Link to={detailsRoute({ name })}>{name}</Link>;
};
