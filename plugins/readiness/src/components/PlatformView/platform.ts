import type {
  ComponentHealth,
  ComponentPod,
  ReadinessPlatformComponent,
  ReadinessPlatformHistoryPoint,
} from '../../api/types';

/** Every health, worst first: the order of the board and of the health filter. */
export const HEALTHS: ComponentHealth[] = ['Missing', 'Degraded', 'Healthy'];

/** More health changes than this within the history window mark a component as flapping. */
export const FLAPPING_CHANGES = 2;

/**
 * How often a component's health changed across the history, oldest first. Scans in which it
 * was not expected (added to config later, or dropped for a while) are skipped, not counted.
 */
export function healthChanges(
  name: string,
  history: ReadinessPlatformHistoryPoint[],
): number {
  let changes = 0;
  let previous: ComponentHealth | undefined;
  for (const point of history) {
    const health = point.components[name];
    if (!health) continue;
    if (previous && health !== previous) changes += 1;
    previous = health;
  }
  return changes;
}

/** A pod an operator should look at: not ready, or with a reason such as `CrashLoopBackOff`. */
export function isTroubled(pod: ComponentPod): boolean {
  return !pod.ready || !!pod.reason;
}

/** The component's text a search matches: ids, title, namespace, reasons, pods and workloads. */
export function matchesSearch(
  component: ReadinessPlatformComponent,
  search: string,
): boolean {
  const needle = search.trim().toLocaleLowerCase('en-US');
  if (!needle) return true;
  return [
    component.name,
    component.title,
    component.namespace ?? '',
    component.entityRef ?? '',
    ...component.reasons,
    ...component.workloads.map(w => w.name),
    ...component.pods.map(p => `${p.name} ${p.reason ?? ''}`),
  ].some(text => text.toLocaleLowerCase('en-US').includes(needle));
}

/** Worst health first; within one health, the backend's order (the config's). */
export function sortForBoard<T extends ReadinessPlatformComponent>(
  components: T[],
): T[] {
  return components
    .map((component, index) => ({ component, index }))
    .sort(
      (a, b) =>
        HEALTHS.indexOf(a.component.health) -
          HEALTHS.indexOf(b.component.health) || a.index - b.index,
    )
    .map(({ component }) => component);
}
