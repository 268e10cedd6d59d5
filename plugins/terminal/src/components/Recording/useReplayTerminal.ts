import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useState } from 'react';

/**
 * Mounts a read-only xterm.js of the recording's size in `container`: a replay is watched,
 * never typed into. Disposed with the component.
 */
export function useReplayTerminal(
  container: HTMLElement | null,
  size: { cols: number; rows: number },
): Terminal | undefined {
  const [terminal, setTerminal] = useState<Terminal>();
  const { cols, rows } = size;
  useEffect(() => {
    if (!container) return undefined;
    const created = new Terminal({
      cols,
      rows,
      disableStdin: true,
      cursorBlink: false,
      fontFamily: 'Menlo, "DejaVu Sans Mono", Consolas, monospace',
      fontSize: 13,
      scrollback: 5000,
    });
    created.open(container);
    setTerminal(created);
    return () => {
      setTerminal(undefined);
      created.dispose();
    };
  }, [container, cols, rows]);
  return terminal;
}
