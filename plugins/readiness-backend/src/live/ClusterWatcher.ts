import { LoggerService } from '@backstage/backend-plugin-api';
import { KubernetesObject } from '@hatchway/plugin-readiness-node';
import {
  ADD,
  DELETE,
  ERROR,
  KubeConfig,
  KubernetesObject as ClientObject,
  ListWatch,
  UPDATE,
} from '@kubernetes/client-node';
import { describeError } from '../kubernetes/describeError';
import {
  connect,
  listKind,
  RawClusterClient,
  ServedKind,
  servedKinds,
} from '../kubernetes/KubernetesClusterObjectReader';
import { CLUSTER_SCOPED } from './partitions';
import { lastWrite, trimObject } from './trimObject';
import { TrimmingWatch } from './TrimmingWatch';

/** The longest wait between retries of a failed watch. */
const MAX_RETRY_MS = 30_000;

/** How the watches of a cluster are doing. */
export type WatchHealth =
  | { state: 'starting' }
  | { state: 'active' }
  | { state: 'degraded'; message: string };

export interface ClusterWatcherOptions {
  cluster: string;
  kubeConfig: KubeConfig;
  /** Objects (already trimmed) that were added, changed or deleted after the first list. */
  onChange(object: KubernetesObject): void;
  onHealth(health: WatchHealth): void;
  /** Every kind has been listed and is watched, for the first time. */
  onSynced(): void;
  failureThreshold: number;
  retryDelayMs: number;
  logger: LoggerService;
}

/** One informer and how it is doing. */
interface KindWatch {
  served: ServedKind;
  informer: ListWatch<ClientObject>;
  /** The first list is done: later adds, updates and deletes are changes. */
  synced: boolean;
  connected: boolean;
  failures: number;
  lastError?: string;
  retry?: NodeJS.Timeout;
}

const gone = (error: unknown) => {
  const e = error as { statusCode?: number; code?: number };
  return e.statusCode ?? e.code;
};

/**
 * Informers (client-node's ListWatch, as `makeInformer` builds it) on every kind the checks read,
 * keeping trimmed objects. A watch that ends resumes from the last resourceVersion (bookmarks keep
 * it fresh); a 410 Gone re-lists, and the differences come out as changes. A failed list or
 * watch is retried with a doubling delay; `failureThreshold` failures in a row of any kind make
 * the cluster degraded until that kind watches again.
 */
export class ClusterWatcher {
  private readonly kinds: KindWatch[] = [];
  private stopped = false;
  private health: WatchHealth['state'] | undefined;

  private constructor(private readonly options: ClusterWatcherOptions) {}

  /** Discovers the kinds and starts their informers; resolves before the first lists finish. */
  static async start(options: ClusterWatcherOptions): Promise<ClusterWatcher> {
    const watcher = new ClusterWatcher(options);
    const client = connect(options.kubeConfig);
    for (const served of await servedKinds(client)) {
      watcher.add(client, served);
    }
    watcher.report();
    for (const kind of watcher.kinds) void kind.informer.start();
    return watcher;
  }

  /**
   * Whether every informer is listed and watching: only then is the cache as fresh as the
   * cluster, and a re-scoring from it can not undo a newer scan.
   */
  get watching(): boolean {
    return this.kinds.every(k => k.connected);
  }

  /**
   * The watched objects of the partitions (namespaces, `''` for cluster-scoped ones) with every
   * cluster-scoped object, or all objects.
   */
  objects(partitions: ReadonlySet<string> | 'all'): KubernetesObject[] {
    const all =
      partitions === 'all' || (partitions as Set<string>).has(CLUSTER_SCOPED);
    const result: KubernetesObject[] = [];
    for (const { served, informer } of this.kinds) {
      const push = (list: readonly ClientObject[]) => {
        for (const o of list) result.push(o as KubernetesObject);
      };
      if (all || !served.namespaced) {
        const list = informer.list();
        if (all || served.spec.kind !== 'Namespace') push(list);
        else push(list.filter(o => partitions.has(o.metadata?.name ?? '')));
      } else {
        for (const namespace of partitions) {
          if (namespace) push(informer.list(namespace));
        }
      }
    }
    return result;
  }

  /** The watched objects last written at or after the time (epoch ms), as far as they tell. */
  writtenSince(since: number): KubernetesObject[] {
    const result: KubernetesObject[] = [];
    for (const { informer } of this.kinds) {
      for (const object of informer.list()) {
        if (lastWrite(object as KubernetesObject) >= since) {
          result.push(object as KubernetesObject);
        }
      }
    }
    return result;
  }

  /** Namespaces with a RoleBinding that names the ClusterRole. */
  namespacesBinding(clusterRole: string): string[] {
    const bindings = this.kinds.find(
      k =>
        k.served.spec.kind === 'RoleBinding' &&
        k.served.spec.group === 'rbac.authorization.k8s.io',
    );
    const namespaces = new Set<string>();
    for (const binding of bindings?.informer.list() ?? []) {
      const ref = (binding as KubernetesObject).roleRef as
        | { kind?: string; name?: string }
        | undefined;
      if (ref?.kind === 'ClusterRole' && ref.name === clusterRole) {
        namespaces.add(binding.metadata?.namespace ?? '');
      }
    }
    return [...namespaces];
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const kind of this.kinds) {
      clearTimeout(kind.retry);
      await kind.informer.stop();
    }
  }

  private add(client: RawClusterClient, served: ServedKind) {
    const { kubeConfig, logger } = this.options;
    const kind: KindWatch = {
      served,
      synced: false,
      connected: false,
      failures: 0,
      informer: undefined as unknown as ListWatch<ClientObject>,
    };
    const watch = new TrimmingWatch(
      kubeConfig,
      { apiVersion: served.apiVersion, kind: served.spec.kind },
      {
        connected: () => {
          kind.synced = true;
          kind.connected = true;
          kind.failures = 0;
          this.report();
        },
        stopped: () => this.stopped,
      },
    );
    const list = async () => {
      const { items, resourceVersion } = await listKind(client, served, {
        map: trimObject,
      });
      return {
        items: items as ClientObject[],
        metadata: { resourceVersion },
      };
    };
    kind.informer = new ListWatch(served.path, watch, list, false);
    const changed = (object: ClientObject) => {
      if (kind.synced && !this.stopped) {
        this.options.onChange(object as KubernetesObject);
      }
    };
    kind.informer.on(ADD, changed);
    kind.informer.on(UPDATE, changed);
    kind.informer.on(DELETE, changed);
    kind.informer.on(ERROR, error => {
      if (this.stopped) return;
      const status = gone(error);
      const forbidden = status === 403 || status === 404;
      if (served.spec.optional && !kind.synced && forbidden) {
        // As in scans: a kind we may not read (a CRD without an RBAC grant) is left out.
        logger.warn('Live re-scoring cannot watch an optional kind; left out', {
          kind: `${served.apiVersion}/${served.spec.kind}`,
          error: describeError(error),
        });
        this.kinds.splice(this.kinds.indexOf(kind), 1);
        void kind.informer.stop();
        this.report();
        return;
      }
      kind.connected = false;
      kind.failures += 1;
      kind.lastError = describeError(error);
      const delay = Math.min(
        this.options.retryDelayMs * 2 ** (kind.failures - 1),
        MAX_RETRY_MS,
      );
      logger.warn('Live re-scoring watch failed; retrying', {
        kind: `${served.apiVersion}/${served.spec.kind}`,
        failures: kind.failures,
        retryInMs: delay,
        error: kind.lastError,
      });
      this.report();
      kind.retry = setTimeout(() => {
        if (!this.stopped) void kind.informer.start();
      }, delay);
    });
    this.kinds.push(kind);
  }

  private report() {
    const failing = this.kinds.find(
      k => k.failures >= this.options.failureThreshold,
    );
    let health: WatchHealth;
    if (failing) {
      health = {
        state: 'degraded',
        message: `Watching ${failing.served.spec.kind} failed ${failing.failures} times in a row (${failing.lastError}); scores change at scheduled scans until the watch recovers.`,
      };
    } else if (this.kinds.every(k => k.connected)) {
      health = { state: 'active' };
    } else {
      health = { state: this.health === 'active' ? 'active' : 'starting' };
    }
    const message = health.state === 'degraded' ? health.message : undefined;
    const key = `${health.state}\n${message ?? ''}`;
    if (key === this.lastReported) return;
    this.lastReported = key;
    this.health = health.state;
    this.options.onHealth(health);
    if (health.state === 'active' && !this.everActive) {
      this.everActive = true;
      this.options.onSynced();
    }
  }

  private lastReported = '';
  private everActive = false;
}
