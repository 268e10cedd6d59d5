import {
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { Clock } from './types';

/**
 * The vCluster plugin's notion of now, for TTLs, idle windows, leases and audit times. The
 * default is the system clock; a test backend replaces it to reach a TTL's last day or hour
 * without waiting for it (the scheduler and the host cluster keep real time).
 * @internal
 */
export const vclusterClockServiceRef = createServiceRef<Clock>({
  id: 'vcluster.clock',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {},
      factory: () => () => new Date(),
    }),
});
