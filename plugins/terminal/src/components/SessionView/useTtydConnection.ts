import { useApi } from '@backstage/frontend-plugin-api';
import { useCallback, useEffect, useRef, useState } from 'react';
import { terminalApiRef } from '../../api/TerminalApi';
import type { ConnectionStatus } from '../../connection/ConnectionStatus';
import { sessionTicketSource } from '../../connection/sessionTicketSource';
import { TtydConnection } from '../../connection/TtydConnection';
import type { XtermHandle } from './useXterm';

/** What the session view shows and does about its connection. */
export interface TerminalConnectionState {
  status?: ConnectionStatus;
  /** The runner's window title (ttyd's `<command> (<hostname>)`). */
  title?: string;
  /** Connects again after the connection gave up. */
  reconnect(): void;
  /** Closes for good, e.g. once the user ended the session. */
  close(): void;
}

/**
 * Connects a mounted xterm to a session through the gateway: keystrokes and resizes go out,
 * output comes in, and the window title follows the runner's while the view is open.
 */
export function useTtydConnection(
  sessionId: string,
  xterm: XtermHandle | undefined,
): TerminalConnectionState {
  const api = useApi(terminalApiRef);
  const [status, setStatus] = useState<ConnectionStatus>();
  const [title, setTitle] = useState<string>();
  const [generation, setGeneration] = useState(0);
  const connectionRef = useRef<TtydConnection>();

  useEffect(() => {
    if (!xterm) return undefined;
    const { terminal } = xterm;
    const previousTitle = document.title;
    const connection = new TtydConnection({
      getTicket: sessionTicketSource(api, sessionId),
      output: { write: (data, callback) => terminal.write(data, callback) },
      getSize: () => ({ columns: terminal.cols, rows: terminal.rows }),
      onStatus: setStatus,
      onTitle: runnerTitle => {
        setTitle(runnerTitle);
        document.title = runnerTitle;
      },
    });
    connectionRef.current = connection;
    const subscriptions = [
      terminal.onData(data => connection.sendInput(data)),
      // Mouse reports in some modes arrive as binary strings, one char per byte.
      terminal.onBinary(data =>
        connection.sendInput(Uint8Array.from(data, c => c.charCodeAt(0))),
      ),
      terminal.onResize(() => connection.resize()),
    ];
    connection.start();
    return () => {
      subscriptions.forEach(s => s.dispose());
      connection.close();
      connectionRef.current = undefined;
      document.title = previousTitle;
    };
  }, [api, sessionId, xterm, generation]);

  const reconnect = useCallback(() => setGeneration(g => g + 1), []);
  const close = useCallback(() => connectionRef.current?.close(), []);
  return { status, title, reconnect, close };
}
