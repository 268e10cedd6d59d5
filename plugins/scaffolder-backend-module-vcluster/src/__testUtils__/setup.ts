import { mockServices } from '@backstage/backend-test-utils';
import { createKubeconfigUrlResolver } from '../client/kubeconfigUrl';
import { createUserScopedClientFactory } from '../client/userScopedClient';
import { FakeVClusterBackend } from './FakeVClusterBackend';

/** A started fake backend and a client factory that reaches it the way the module does. */
export function useFakeBackend() {
  const backend = new FakeVClusterBackend();
  const ref = {
    backend,
    clientFor: createUserScopedClientFactory({
      discovery: backend.discovery(),
      auth: mockServices.auth(),
    }),
    kubeconfigUrlFor: createKubeconfigUrlResolver(backend.discovery()),
  };
  beforeEach(() => backend.start());
  afterEach(() => backend.stop());
  return ref;
}
