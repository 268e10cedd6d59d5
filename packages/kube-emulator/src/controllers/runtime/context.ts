import type {
  KubernetesObject,
  V1Deployment,
  V1Job,
  V1Pod,
  V1ReplicaSet,
  V1StatefulSet,
} from '@kubernetes/client-node';
import type { ControllerLogger, ControllerTimings } from '../types';
import type { Clients } from './clients';
import type { EventSink } from './events';
import { Informer, InformerSource } from './informer';

/** A controller: started once, stopped once. */
export interface Controller {
  start(): void;
  stop(): Promise<void>;
}

/**
 * Shared informers, made on first use: every controller that reads pods reads the same cache
 * fed by one watch, as with client-go's SharedInformerFactory.
 */
export class Informers {
  private readonly made = new Map<string, Informer<any>>();

  constructor(
    private readonly clients: Clients,
    private readonly logger: ControllerLogger,
    private readonly retryMs: number,
  ) {}

  pods(): Informer<V1Pod> {
    return this.get({
      path: '/api/v1/pods',
      apiVersion: 'v1',
      kind: 'Pod',
      list: () => this.clients.core.listPodForAllNamespaces(),
    });
  }

  replicaSets(): Informer<V1ReplicaSet> {
    return this.get({
      path: '/apis/apps/v1/replicasets',
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      list: () => this.clients.apps.listReplicaSetForAllNamespaces(),
    });
  }

  deployments(): Informer<V1Deployment> {
    return this.get({
      path: '/apis/apps/v1/deployments',
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      list: () => this.clients.apps.listDeploymentForAllNamespaces(),
    });
  }

  statefulSets(): Informer<V1StatefulSet> {
    return this.get({
      path: '/apis/apps/v1/statefulsets',
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      list: () => this.clients.apps.listStatefulSetForAllNamespaces(),
    });
  }

  jobs(): Informer<V1Job> {
    return this.get({
      path: '/apis/batch/v1/jobs',
      apiVersion: 'batch/v1',
      kind: 'Job',
      list: () => this.clients.batch.listJobForAllNamespaces(),
    });
  }

  /** Starts every informer made so far and waits for their first lists. */
  async start(): Promise<void> {
    for (const informer of this.made.values()) informer.start();
    await Promise.all([...this.made.values()].map(i => i.synced));
  }

  async stop(): Promise<void> {
    await Promise.all([...this.made.values()].map(i => i.stop()));
  }

  private get<T extends KubernetesObject>(
    source: InformerSource<T>,
  ): Informer<T> {
    let informer = this.made.get(source.path);
    if (!informer) {
      informer = new Informer<T>(
        this.clients.watch,
        source,
        this.logger,
        this.retryMs,
      );
      this.made.set(source.path, informer);
    }
    return informer;
  }
}

/** What every controller is given. */
export interface ControllerContext {
  clients: Clients;
  informers: Informers;
  events: EventSink;
  logger: ControllerLogger;
  timings: ControllerTimings;
  /** The node pods are bound to. */
  nodeName: string;
}
