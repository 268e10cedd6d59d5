import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import { vclusterClockServiceRef } from '../service/clockServiceRef';

/**
 * The notifications backend is another plugin: its client is replaced by one that records what
 * the vCluster plugin sends, in `sent`.
 */
export function notificationRecorder() {
  const sent: NotificationSendOptions[] = [];
  const factory = createServiceFactory({
    service: notificationService,
    deps: {},
    factory: () => ({
      send: async (n: NotificationSendOptions) => void sent.push(n),
    }),
  });
  return { sent, factory };
}

/**
 * The plugin's clock running with real time plus `skipMs`, so a test moves to a TTL's last day
 * or hour in one step while the scheduler and the emulator keep real time.
 */
export function skippingClock() {
  const state = { skipMs: 0 };
  const factory = createServiceFactory({
    service: vclusterClockServiceRef,
    deps: {},
    factory: () => () => new Date(Date.now() + state.skipMs),
  });
  return Object.assign(state, { factory });
}
