import type { CoreV1Api, KubernetesObject } from '@kubernetes/client-node';
import type { ControllerLogger } from '../types';
import { MERGE_PATCH, describeError, isNotFound } from './clients';
import { timestamp } from './objects';

/** The object an event is about. */
export interface EventSubject extends KubernetesObject {
  apiVersion?: string;
  kind?: string;
}

/** Records core/v1 Events for one component, like client-go's EventRecorder. */
export interface EventRecorder {
  /**
   * Records an event about `subject`; never throws and never blocks the caller.
   * `fieldPath` names a container, e.g. `spec.containers{app}`.
   */
  event(
    subject: EventSubject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    fieldPath?: string,
  ): void;
}

/** Makes recorders for components (`kubelet`, `job-controller`, …) sharing one writer. */
export interface EventSink {
  recorder(component: string): EventRecorder;
  /** Waits for writes in flight and stops recording. */
  stop(): Promise<void>;
}

/** A sink that drops everything (events switched off). */
export const noEvents: EventSink = {
  recorder: () => ({ event: () => undefined }),
  stop: async () => undefined,
};

const REMEMBERED = 4096;

/**
 * Creates Events through the API; a repeat of the same event (same object, reason, message)
 * raises `count` and `lastTimestamp` of the first one instead of adding another, as the real
 * recorder's aggregation does, so a crash loop makes one BackOff event with a rising count.
 */
export function eventSink(
  core: CoreV1Api,
  host: string,
  logger: ControllerLogger,
): EventSink {
  const seen = new Map<string, { name: string; count: number }>();
  const inFlight = new Set<Promise<void>>();
  let sequence = 0;
  let stopped = false;

  // Writes of the same event run one after another, so a repeat patches the first one.
  const chains = new Map<string, Promise<void>>();

  const write = async (
    component: string,
    key: string,
    subject: EventSubject,
    type: string,
    reason: string,
    message: string,
    fieldPath?: string,
  ) => {
    const namespace = subject.metadata?.namespace || 'default';
    const now = timestamp();
    const known = seen.get(key);
    if (known) {
      known.count += 1;
      try {
        await core.patchNamespacedEvent(
          {
            name: known.name,
            namespace,
            body: { count: known.count, lastTimestamp: now },
          },
          MERGE_PATCH,
        );
        return;
      } catch (error) {
        if (!isNotFound(error)) throw error;
        seen.delete(key); // expired or deleted: start a new event
      }
    }
    const suffix = (
      BigInt(Date.now()) * 1000000n +
      BigInt(sequence++ % 1000000)
    ).toString(16);
    const name = `${subject.metadata?.name}.${suffix}`;
    await core.createNamespacedEvent({
      namespace,
      body: {
        metadata: { name, namespace },
        involvedObject: {
          apiVersion: subject.apiVersion,
          kind: subject.kind,
          name: subject.metadata?.name,
          namespace: subject.metadata?.namespace,
          uid: subject.metadata?.uid,
          resourceVersion: subject.metadata?.resourceVersion,
          fieldPath,
        },
        reason,
        message,
        type,
        count: 1,
        firstTimestamp: now,
        lastTimestamp: now,
        source: { component, host },
        reportingComponent: component,
        reportingInstance: host,
      },
    });
    if (seen.size >= REMEMBERED) seen.delete(seen.keys().next().value!);
    seen.set(key, { name, count: 1 });
  };

  const record = (
    component: string,
    subject: EventSubject,
    type: string,
    reason: string,
    message: string,
    fieldPath?: string,
  ) => {
    if (stopped) return;
    const key = [
      component,
      subject.metadata?.uid,
      fieldPath,
      type,
      reason,
      message,
    ].join('\u0000');
    const previous = chains.get(key) ?? Promise.resolve();
    const promise: Promise<void> = previous
      .then(() =>
        write(component, key, subject, type, reason, message, fieldPath),
      )
      .catch(error =>
        logger.debug?.(
          `event ${reason} for ${subject.kind} ${
            subject.metadata?.name
          }: ${describeError(error)}`,
        ),
      )
      .finally(() => {
        inFlight.delete(promise);
        if (chains.get(key) === promise) chains.delete(key);
      });
    chains.set(key, promise);
    inFlight.add(promise);
  };

  return {
    recorder: component => ({
      event: (subject, type, reason, message, fieldPath) =>
        record(component, subject, type, reason, message, fieldPath),
    }),
    async stop() {
      stopped = true;
      await Promise.all([...inFlight]);
    },
  };
}
