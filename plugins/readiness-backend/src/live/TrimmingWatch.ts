import { KubeConfig, Watch } from '@kubernetes/client-node';
import { trimObject } from './trimObject';
import { KubernetesObject } from '@hatchway/plugin-readiness-node';

/** What a watch connection reports besides its events. */
export interface WatchListener {
  /** The API server accepted the watch (HTTP 200): the informer is listed and watching. */
  connected(): void;
  /** The informer was stopped while it listed: no watch is to start. */
  stopped(): boolean;
}

/** Watches end after a random 5–10 minutes, as client-go's reflector does, so that a dead connection is noticed. */
function timeoutSeconds() {
  return 300 + Math.floor(Math.random() * 300);
}

/**
 * client-node's Watch for one informer: asks for bookmarks (so a resumed watch starts from a
 * recent resourceVersion rather than one the server has forgotten), ends each watch after a
 * while, trims objects before the informer's cache keeps them, and reports an accepted watch.
 */
export class TrimmingWatch extends Watch {
  constructor(
    config: KubeConfig,
    private readonly identity: { apiVersion: string; kind: string },
    private readonly listener: WatchListener,
  ) {
    super(config);
  }

  override async watch(
    path: string,
    queryParams: Record<string, string | number | boolean | undefined>,
    callback: (phase: string, apiObj: any, watchObj?: any) => void,
    done: (err: any) => void,
  ): Promise<AbortController> {
    if (this.listener.stopped()) return new AbortController();
    let failed = false;
    const controller = await super.watch(
      path,
      {
        ...queryParams,
        allowWatchBookmarks: true,
        timeoutSeconds: timeoutSeconds(),
      },
      (phase, object, event) => {
        if (phase === 'ADDED' || phase === 'MODIFIED' || phase === 'DELETED') {
          // Watch events carry apiVersion and kind; set them anyway, as lists do not.
          callback(
            phase,
            trimObject({
              ...(object as KubernetesObject),
              ...this.identity,
            }),
            event,
          );
        } else {
          callback(phase, object, event);
        }
      },
      error => {
        if (error) failed = true;
        done(error);
      },
    );
    // Watch.watch reports a refused watch through `done` before it returns.
    if (!failed) this.listener.connected();
    return controller;
  }
}
