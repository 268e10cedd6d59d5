import type {
  CreateSessionRequest,
  TerminalSession,
} from '@hatchway/plugin-terminal-common';
import { useApi } from '@backstage/frontend-plugin-api';
import { useCallback, useState } from 'react';
import { terminalApiRef } from '../../api/TerminalApi';

/** Starts sessions, keeping the pending flag and the last failure for the form that asked. */
export function useStartSession(onStarted: (session: TerminalSession) => void) {
  const api = useApi(terminalApiRef);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<Error>();
  const start = useCallback(
    async (request: CreateSessionRequest) => {
      setPending(true);
      setError(undefined);
      try {
        const session = await api.createSession(request);
        setPending(false);
        onStarted(session);
      } catch (e) {
        setPending(false);
        setError(e as Error);
      }
    },
    [api, onStarted],
  );
  return { start, pending, error };
}
