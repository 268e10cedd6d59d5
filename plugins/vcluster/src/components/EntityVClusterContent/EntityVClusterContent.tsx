import {
  Content,
  MissingAnnotationEmptyState,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { VCLUSTER_ANNOTATION } from '@hatchway/plugin-vcluster-common';
import { VClusterView } from '../VClusterDetailPage/VClusterView';

/**
 * The vCluster tab of the catalog Resource that stands for a vCluster: the vCluster named by
 * its `hatchway.dev/vcluster` annotation, live, with its actions and how to connect.
 */
export const EntityVClusterContent = () => {
  const { entity } = useEntity();
  const name = entity.metadata.annotations?.[VCLUSTER_ANNOTATION];
  if (!name) {
    return <MissingAnnotationEmptyState annotation={VCLUSTER_ANNOTATION} />;
  }
  return (
    <Content>
      <VClusterView name={name} />
    </Content>
  );
};
