import { LoggerService } from '@backstage/backend-plugin-api';
import {
  CoreV1Api,
  Informer,
  KubeConfig,
  makeInformer,
  ObjectCache,
  V1Pod,
} from '@kubernetes/client-node';
import { MANAGED_SELECTOR } from './labels';

/** Handlers of runner pod changes. */
export interface RunnerPodHandlers {
  changed(pod: V1Pod): void;
  deleted(pod: V1Pod): void;
}

const RESTART_DELAY_MS = 1000;

/**
 * One list+watch of the runner pods (`app.kubernetes.io/managed-by=hatchway`) in the runner
 * namespace. Its cache answers "which pods exist" without asking the API server in a request.
 */
export class RunnerPodInformer {
  private readonly informer: Informer<V1Pod> & ObjectCache<V1Pod>;
  private stopped = false;
  private restartTimer?: NodeJS.Timeout;

  constructor(
    kubeConfig: KubeConfig,
    namespace: string,
    private readonly logger: LoggerService,
  ) {
    const core = kubeConfig.makeApiClient(CoreV1Api);
    this.informer = makeInformer<V1Pod>(
      kubeConfig,
      `/api/v1/namespaces/${namespace}/pods`,
      () =>
        core.listNamespacedPod({ namespace, labelSelector: MANAGED_SELECTOR }),
      MANAGED_SELECTOR,
    );
    // A failed list or a dropped watch stops the informer: start it again after a pause.
    this.informer.on('error', error => {
      if (this.stopped) return;
      this.logger.warn('Runner pod watch failed; restarting', {
        error: String(error),
      });
      this.restartTimer = setTimeout(() => {
        this.informer.start().catch(() => {});
      }, RESTART_DELAY_MS);
    });
  }

  /** Subscribes the handlers; call before {@link RunnerPodInformer.start}. */
  subscribe(handlers: RunnerPodHandlers): void {
    this.informer.on('add', pod => handlers.changed(pod));
    this.informer.on('update', pod => handlers.changed(pod));
    this.informer.on('delete', pod => handlers.deleted(pod));
  }

  /** Lists, then watches; resolves once the cache holds the first list. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.informer.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    await this.informer.stop();
  }

  /** The runner pods as last seen. */
  pods(): readonly V1Pod[] {
    return this.informer.list();
  }
}
