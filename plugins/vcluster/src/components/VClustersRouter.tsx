import { Route, Routes } from 'react-router-dom';
import { VClusterDetailPage } from './VClusterDetailPage/VClusterDetailPage';
import { VClustersPage } from './VClustersPage/VClustersPage';

/** The `/vclusters` page and each vCluster's page below it. */
export const VClustersRouter = () => (
  <Routes>
    <Route path="/" element={<VClustersPage />} />
    <Route path="/:name" element={<VClusterDetailPage />} />
  </Routes>
);
