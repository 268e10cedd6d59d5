import { useCallback, useEffect, useRef, useState } from 'react';

/** The state of a value that is loaded and then re-loaded on an interval. */
export interface PolledState<T> {
  value?: T;
  /** The last load's failure; the previous value is kept so the view does not flicker. */
  error?: Error;
  loading: boolean;
  /** Loads now (after a change the user made) instead of waiting for the next tick. */
  refresh: () => void;
}

/**
 * Loads `load()` and again after `intervalFor(value, msSinceRefresh)` milliseconds, for as long
 * as the component is mounted. The interval depends on the value so a view can poll fast while
 * something is in transition, and on the time since the last `refresh()` so a change the user
 * just asked for shows up quickly. `load` must be stable (useCallback); a new one restarts.
 */
export function usePolling<T>(
  load: () => Promise<T>,
  intervalFor: (value: T | undefined, msSinceRefresh: number) => number,
): PolledState<T> {
  const [state, setState] = useState<{ value?: T; error?: Error }>({});
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const intervalRef = useRef(intervalFor);
  intervalRef.current = intervalFor;
  const refreshedAt = useRef(0);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      let next: T | undefined;
      try {
        next = await load();
        if (cancelled) return;
        setState({ value: next });
      } catch (error) {
        if (cancelled) return;
        setState(previous => ({
          value: previous.value,
          error: error as Error,
        }));
      }
      setLoading(false);
      timer = setTimeout(
        run,
        intervalRef.current(next, Date.now() - refreshedAt.current),
      );
    };
    run();
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [load, tick]);

  const refresh = useCallback(() => {
    refreshedAt.current = Date.now();
    setTick(t => t + 1);
  }, []);
  return { ...state, loading, refresh };
}
