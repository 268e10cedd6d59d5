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
 * Loads `load()` and again after `intervalFor(value)` milliseconds, for as long as the component
 * is mounted. The interval depends on the value so a view can poll fast while something is in
 * transition and slowly otherwise. `load` must be stable (useCallback) and changes restart it.
 */
export function usePolling<T>(
  load: () => Promise<T>,
  intervalFor: (value: T | undefined) => number,
): PolledState<T> {
  const [state, setState] = useState<{ value?: T; error?: Error }>({});
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const intervalRef = useRef(intervalFor);
  intervalRef.current = intervalFor;

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
      timer = setTimeout(run, intervalRef.current(next));
    };
    run();
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [load, tick]);

  const refresh = useCallback(() => setTick(t => t + 1), []);
  return { ...state, loading, refresh };
}
