import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { VClusterClient } from '@hatchway/plugin-vcluster-common';
import { vclusterApiRef } from '../api/VClusterApi';

/** The vCluster backend's typed client on `/api/vcluster`: extension id `api:vcluster`. */
export const vclusterApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: vclusterApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new VClusterClient({ discoveryApi, fetchApi }),
    }),
});
