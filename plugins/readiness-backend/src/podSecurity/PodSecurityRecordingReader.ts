import { LoggerService } from '@backstage/backend-plugin-api';
import { describeError } from '../kubernetes/describeError';
import {
  ClusterObjectReader,
  ClusterObjects,
  ReadOptions,
} from '../kubernetes/types';
import { PodSecurityRecorder } from './types';

/**
 * A scan's object reader that also records the cluster's Pod Security standing from what it
 * read: the Namespaces and every pod-running kind are read by the scan anyway, so the view costs
 * the API server nothing more. A failure to record is logged and the scan goes on.
 * @internal
 */
export class PodSecurityRecordingReader implements ClusterObjectReader {
  constructor(
    private readonly reader: ClusterObjectReader,
    private readonly recorder: PodSecurityRecorder,
    private readonly logger: LoggerService,
  ) {}

  async read(
    cluster: string,
    signal?: AbortSignal,
    options?: ReadOptions,
  ): Promise<ClusterObjects> {
    const read = await this.reader.read(cluster, signal, options);
    try {
      await this.recorder.record(cluster, read.objects);
    } catch (error) {
      this.logger.warn('Could not record Pod Security; earlier view kept', {
        cluster,
        error: describeError(error),
      });
    }
    return read;
  }
}
