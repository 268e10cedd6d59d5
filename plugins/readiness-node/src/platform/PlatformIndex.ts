import { get } from '../kube/objects';
import { KubernetesObject } from '../kube/types';

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);
const WEBHOOK_KINDS = new Set([
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
]);

/** The live objects the platform board reads, indexed once per evaluation. */
export class PlatformIndex {
  readonly crds = new Set<string>();
  readonly webhooks = new Set<string>();
  private readonly byKindAndNamespace = new Map<string, KubernetesObject[]>();

  constructor(objects: readonly KubernetesObject[]) {
    for (const object of objects) {
      const kind = object.kind ?? '';
      const name = object.metadata?.name ?? '';
      if (kind === 'CustomResourceDefinition') this.crds.add(name);
      else if (WEBHOOK_KINDS.has(kind)) this.webhooks.add(name);
      else {
        const key = PlatformIndex.key(
          WORKLOAD_KINDS.has(kind) ? 'workload' : kind,
          object.metadata?.namespace ?? 'default',
        );
        const list = this.byKindAndNamespace.get(key) ?? [];
        list.push(object);
        this.byKindAndNamespace.set(key, list);
      }
    }
  }

  workloadsIn(namespace: string): KubernetesObject[] {
    return (
      this.byKindAndNamespace.get(PlatformIndex.key('workload', namespace)) ??
      []
    );
  }

  inNamespace(kind: string, namespace: string): KubernetesObject[] {
    return (
      this.byKindAndNamespace.get(PlatformIndex.key(kind, namespace)) ?? []
    );
  }

  /** Warning events in a namespace, newest first. */
  warningsIn(namespace: string): KubernetesObject[] {
    return this.inNamespace('Event', namespace)
      .filter(e => get(e, 'type') === 'Warning')
      .sort((a, b) =>
        (PlatformIndex.eventTime(b) ?? '').localeCompare(
          PlatformIndex.eventTime(a) ?? '',
        ),
      );
  }

  static eventTime(event: KubernetesObject): string | undefined {
    const value =
      get(event, 'lastTimestamp') ??
      get(event, 'eventTime') ??
      get(event, 'metadata', 'creationTimestamp');
    if (value instanceof Date) return value.toISOString();
    return typeof value === 'string' ? value : undefined;
  }

  private static key(kind: string, namespace: string) {
    return `${kind}/${namespace}`;
  }
}
