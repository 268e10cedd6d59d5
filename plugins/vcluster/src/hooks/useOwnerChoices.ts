import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';

/**
 * The owners the user may give a new vCluster: themself first, then the groups they belong to
 * (their ownership refs), which is what the backend accepts.
 */
export function useOwnerChoices(): { owners: string[]; loading: boolean } {
  const identityApi = useApi(identityApiRef);
  const { value, loading } = useAsync(async () => {
    const identity = await identityApi.getBackstageIdentity();
    return [
      identity.userEntityRef,
      ...identity.ownershipEntityRefs.filter(
        ref => ref !== identity.userEntityRef,
      ),
    ];
  }, [identityApi]);
  return { owners: value ?? [], loading };
}
