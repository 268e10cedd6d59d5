import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { ClusterRow, toDate } from '../database/rows';
import { ClusterNotifier } from '../reconcile/ClusterNotifier';

const TOPIC = 'vcluster';

/**
 * Sends the owner (a user, or every member of a group) a notification linking to the vCluster's
 * page. A failed send is logged and dropped: notifications must never stall reconciliation.
 */
export class OwnerNotifier implements ClusterNotifier {
  constructor(
    private readonly notifications: NotificationService,
    private readonly logger: LoggerService,
  ) {}

  ready(row: ClusterRow) {
    return this.send(row, {
      title: `vCluster ${row.name} is ready`,
      description: 'Download its kubeconfig from the vCluster page.',
    });
  }

  failed(row: ClusterRow, reason: string) {
    return this.send(row, {
      title: `vCluster ${row.name} failed`,
      description: reason,
      severity: 'high',
    });
  }

  sleeping(row: ClusterRow) {
    return this.send(row, {
      title: `vCluster ${row.name} was put to sleep`,
      description:
        'Its control plane is scaled to 0; everything inside is kept. Wake it from its page.',
      severity: 'low',
    });
  }

  expiresSoon(row: ClusterRow, within: 'day' | 'hour') {
    return this.send(row, {
      title: `vCluster ${row.name} will be deleted within ${
        within === 'day' ? 'a day' : 'an hour'
      }`,
      description: `Its TTL ends at ${toDate(
        row.expires_at,
      ).toISOString()}. Extend it from its page to keep it.`,
      severity: within === 'hour' ? 'high' : 'normal',
    });
  }

  private async send(
    row: ClusterRow,
    payload: {
      title: string;
      description: string;
      severity?: 'high' | 'normal' | 'low';
    },
  ): Promise<void> {
    try {
      await this.notifications.send({
        recipients: { type: 'entity', entityRef: row.owner },
        payload: {
          ...payload,
          link: `/vclusters/${encodeURIComponent(row.name)}`,
          topic: TOPIC,
          scope: `vcluster:${row.name}:${payload.title}`,
        },
      });
    } catch (error) {
      this.logger.warn('Could not notify the vCluster owner', {
        vcluster: row.name,
        error: String(error),
      });
    }
  }
}
