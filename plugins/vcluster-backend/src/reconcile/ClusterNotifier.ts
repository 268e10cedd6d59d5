import { ClusterRow } from '../database/rows';

/** Tells a vCluster's owner what happened to it. @internal */
export interface ClusterNotifier {
  ready(row: ClusterRow): Promise<void>;
  failed(row: ClusterRow, reason: string): Promise<void>;
  sleeping(row: ClusterRow): Promise<void>;
  /** `day` or `hour` before the TTL deletes it. */
  expiresSoon(row: ClusterRow, within: 'day' | 'hour'): Promise<void>;
}
