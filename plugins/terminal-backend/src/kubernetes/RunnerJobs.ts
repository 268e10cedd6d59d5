import {
  BatchV1Api,
  CoreV1Api,
  KubeConfig,
  V1Job,
  V1Pod,
} from '@kubernetes/client-node';
import { ignoreNotFound, MERGE_PATCH } from './kubeErrors';
import { RunnerManifests } from './renderRunnerJob';

/**
 * Creates and deletes runner Jobs and their credential Secrets in the runner namespace, through
 * the Kubernetes API as any client would.
 */
export class RunnerJobs {
  private readonly core: CoreV1Api;
  private readonly batch: BatchV1Api;

  constructor(kubeConfig: KubeConfig, readonly namespace: string) {
    this.core = kubeConfig.makeApiClient(CoreV1Api);
    this.batch = kubeConfig.makeApiClient(BatchV1Api);
  }

  /**
   * Creates the Secret, then the Job, then makes the Job own the Secret (so Kubernetes deletes
   * it with the Job). On any failure whatever was created is deleted again before rethrowing.
   */
  async create({ job, secret }: RunnerManifests): Promise<V1Job> {
    const { namespace } = this;
    const secretName = secret.metadata!.name!;
    const jobName = job.metadata!.name!;
    await this.core.createNamespacedSecret({ namespace, body: secret });
    let created: V1Job | undefined;
    try {
      created = await this.batch.createNamespacedJob({ namespace, body: job });
      await this.core.patchNamespacedSecret(
        {
          name: secretName,
          namespace,
          body: {
            metadata: {
              ownerReferences: [
                {
                  apiVersion: 'batch/v1',
                  kind: 'Job',
                  name: jobName,
                  uid: created.metadata!.uid!,
                  blockOwnerDeletion: false,
                },
              ],
            },
          },
        },
        MERGE_PATCH,
      );
      return created;
    } catch (error) {
      await this.delete(created ? jobName : undefined, secretName).catch(
        () => {},
      );
      throw error;
    }
  }

  /** Deletes a Job (and its pods, in the background) and its Secret; gone already is fine. */
  async delete(jobName?: string, secretName?: string): Promise<void> {
    const { namespace } = this;
    if (jobName) {
      await ignoreNotFound(
        this.batch.deleteNamespacedJob({
          name: jobName,
          namespace,
          propagationPolicy: 'Background',
        }),
      );
    }
    if (secretName) {
      await ignoreNotFound(
        this.core.deleteNamespacedSecret({ name: secretName, namespace }),
      );
    }
  }

  /** Whether the Job still exists. */
  async exists(jobName: string): Promise<boolean> {
    const job = await ignoreNotFound(
      this.batch.readNamespacedJob({
        name: jobName,
        namespace: this.namespace,
      }),
    );
    return job !== undefined;
  }

  /** The ttyd credential in a runner's Secret. */
  async readCredential(secretName: string): Promise<string | undefined> {
    const secret = await ignoreNotFound(
      this.core.readNamespacedSecret({
        name: secretName,
        namespace: this.namespace,
      }),
    );
    const encoded = secret?.data?.credential;
    return encoded
      ? Buffer.from(encoded, 'base64').toString('utf8')
      : undefined;
  }

  /**
   * Relabels a pod with a merge patch that carries its resourceVersion: the API server refuses
   * it (409) when the pod changed since it was read, so only one claimer wins.
   */
  async relabelPod(pod: V1Pod, labels: Record<string, string>): Promise<V1Pod> {
    return this.core.patchNamespacedPod(
      {
        name: pod.metadata!.name!,
        namespace: this.namespace,
        body: {
          metadata: { labels, resourceVersion: pod.metadata!.resourceVersion },
        },
      },
      MERGE_PATCH,
    );
  }

  /** Merge-patches a Job's labels and, optionally, its deadline. */
  async patchJob(
    jobName: string,
    patch: { labels: Record<string, string>; activeDeadlineSeconds?: number },
  ): Promise<void> {
    await this.batch.patchNamespacedJob(
      {
        name: jobName,
        namespace: this.namespace,
        body: {
          metadata: { labels: patch.labels },
          ...(patch.activeDeadlineSeconds && {
            spec: { activeDeadlineSeconds: patch.activeDeadlineSeconds },
          }),
        },
      },
      MERGE_PATCH,
    );
  }

  /** Names of Jobs carrying the label selector. */
  async listJobs(labelSelector: string): Promise<V1Job[]> {
    const { items } = await this.batch.listNamespacedJob({
      namespace: this.namespace,
      labelSelector,
    });
    return items;
  }
}
