import { LoggerService } from '@backstage/backend-plugin-api';
import { VCLUSTER_NAMESPACE_PREFIX } from '@hatchway/plugin-vcluster-node';
import {
  AppsV1Api,
  CoreV1Api,
  Informer,
  KubeConfig,
  KubernetesObject,
  makeInformer,
} from '@kubernetes/client-node';

const VCLUSTER_SELECTOR = 'app=vcluster';

/**
 * Watches one host cluster for changes that move a vCluster's phase: its StatefulSets
 * (`app=vcluster`: readiness, scale to 0) and namespaces (a deleted vCluster's namespace going
 * away). Each event queues the vCluster its namespace names. Secrets are deliberately not
 * watched: an informer would cache every Secret of the host cluster in the portal's memory;
 * the syncer writes `vc-<name>` before its pod turns Ready, and the reconciler re-checks a
 * vCluster whose Secret is still missing.
 */
export class HostWatcher {
  private readonly informers: Informer<KubernetesObject>[];
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    kubeConfig: KubeConfig,
    private readonly onChange: (vclusterName: string) => void,
    private readonly logger: LoggerService,
    private readonly retryMs: number,
  ) {
    const apps = kubeConfig.makeApiClient(AppsV1Api);
    const core = kubeConfig.makeApiClient(CoreV1Api);
    this.informers = [
      makeInformer(
        kubeConfig,
        '/apis/apps/v1/statefulsets',
        () =>
          apps.listStatefulSetForAllNamespaces({
            labelSelector: VCLUSTER_SELECTOR,
          }),
        VCLUSTER_SELECTOR,
      ),
      makeInformer(kubeConfig, '/api/v1/namespaces', () =>
        core.listNamespace(),
      ),
    ];
    for (const informer of this.informers) this.subscribe(informer);
  }

  async start(): Promise<void> {
    this.stopped = false;
    await Promise.all(
      this.informers.map(informer =>
        informer.start().catch(error => this.restartLater(informer, error)),
      ),
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    await Promise.all(this.informers.map(i => i.stop()));
  }

  private subscribe(informer: Informer<KubernetesObject>) {
    const changed = (object: KubernetesObject) => {
      const namespace =
        object.kind === 'Namespace' || !object.metadata?.namespace
          ? object.metadata?.name
          : object.metadata.namespace;
      if (namespace?.startsWith(VCLUSTER_NAMESPACE_PREFIX)) {
        this.onChange(namespace.slice(VCLUSTER_NAMESPACE_PREFIX.length));
      }
    };
    informer.on('add', changed);
    informer.on('update', changed);
    informer.on('delete', changed);
    // A failed list or a dropped watch stops the informer: start it again after a pause.
    informer.on('error', error => this.restartLater(informer, error));
  }

  private restartLater(informer: Informer<KubernetesObject>, error: unknown) {
    if (this.stopped) return;
    this.logger.warn('Host cluster watch failed; restarting', {
      error: String(error),
    });
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.stopped) return;
      informer.start().catch(e => this.restartLater(informer, e));
    }, this.retryMs);
    this.timers.add(timer);
  }
}
