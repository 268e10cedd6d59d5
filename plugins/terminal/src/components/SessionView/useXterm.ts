import {
  ClipboardAddon,
  BrowserClipboardProvider,
} from '@xterm/addon-clipboard';
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useState } from 'react';
import { terminalShortcut } from './terminalShortcuts';

/** A mounted xterm and what the session view needs of it. */
export interface XtermHandle {
  terminal: Terminal;
  search: SearchAddon;
  /** Fits the terminal to its container; the new size then comes from `terminal.cols/rows`. */
  fit(): void;
}

/** Options of {@link useXterm}. */
export interface UseXtermOptions {
  /** Ctrl+Shift+F. */
  onFind(): void;
}

// The clipboard addon's selection type is a const enum, which isolated builds cannot import.
const SYSTEM_CLIPBOARD = 'c' as never;

/**
 * Mounts xterm.js in `container` with fit, web links, search and clipboard (OSC 52 and
 * Ctrl+Shift+C / Ctrl+Shift+V, since plain Ctrl+C and Ctrl+V belong to the shell), refitting
 * whenever the container or the window changes size. Disposed with the component.
 */
export function useXterm(
  container: HTMLElement | null,
  { onFind }: UseXtermOptions,
): XtermHandle | undefined {
  const [handle, setHandle] = useState<XtermHandle>();

  useEffect(() => {
    if (!container) return undefined;
    const terminal = new Terminal({
      cursorBlink: true,
      fontFamily: 'Menlo, "DejaVu Sans Mono", Consolas, monospace',
      fontSize: 14,
      scrollback: 5000,
    });
    const fitAddon = new FitAddon();
    const search = new SearchAddon();
    const clipboard = new BrowserClipboardProvider();
    terminal.loadAddon(fitAddon);
    terminal.loadAddon(search);
    terminal.loadAddon(new WebLinksAddon());
    terminal.loadAddon(new ClipboardAddon(clipboard));
    terminal.attachCustomKeyEventHandler(event => {
      const shortcut = terminalShortcut(event);
      if (!shortcut) return true;
      if (event.type === 'keydown') {
        if (shortcut === 'copy') {
          void clipboard.writeText(SYSTEM_CLIPBOARD, terminal.getSelection());
        } else if (shortcut === 'paste') {
          void Promise.resolve(clipboard.readText(SYSTEM_CLIPBOARD)).then(
            text => terminal.paste(text),
          );
        } else {
          onFind();
        }
        event.preventDefault();
      }
      return false;
    });
    terminal.open(container);
    const fit = () => {
      // A hidden container (a collapsed tab) has no size; fitting it would give 0 columns.
      if (container.clientWidth > 0 && container.clientHeight > 0)
        fitAddon.fit();
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(container);
    window.addEventListener('resize', fit);
    terminal.focus();
    setHandle({ terminal, search, fit });
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', fit);
      terminal.dispose();
      setHandle(undefined);
    };
    // onFind is read once: the search box opener never changes identity in the view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [container]);

  return handle;
}
