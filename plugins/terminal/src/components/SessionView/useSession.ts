import { useApi } from '@backstage/frontend-plugin-api';
import type { TerminalSession } from '@hatchway/plugin-terminal-common';
import { useCallback, useEffect, useState } from 'react';
import { terminalApiRef } from '../../api/TerminalApi';

/** How often a Starting session is looked at again. */
const STARTING_POLL_MS = 1000;

/** A session, looked at again every second while it is Starting. */
export function useSession(sessionId: string) {
  const api = useApi(terminalApiRef);
  const [session, setSession] = useState<TerminalSession>();
  const [error, setError] = useState<Error>();
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const next = await api.getSession(sessionId);
        if (cancelled) return;
        setSession(next);
        setError(undefined);
        if (next.state === 'Starting')
          timer = setTimeout(load, STARTING_POLL_MS);
      } catch (e) {
        if (!cancelled) setError(e as Error);
      }
    };
    void load();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, sessionId, generation]);

  const refresh = useCallback(() => setGeneration(g => g + 1), []);
  return { session, error, loading: !session && !error, refresh };
}
