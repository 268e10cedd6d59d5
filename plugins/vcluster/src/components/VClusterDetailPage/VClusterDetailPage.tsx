import { Content, ContentHeader, Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { useParams } from 'react-router-dom';
import { rootRouteRef } from '../../routes';
import { VClusterView } from './VClusterView';

/** `/vclusters/:name`: one vCluster's status, expiry, usage, connection and actions. */
export const VClusterDetailPage = () => {
  const { name = '' } = useParams();
  const listRoute = useRouteRef(rootRouteRef);
  return (
    <Content>
      <ContentHeader title={`vCluster ${name}`}>
        {listRoute && <Link to={listRoute()}>All vClusters</Link>}
      </ContentHeader>
      <VClusterView name={name} />
    </Content>
  );
};
