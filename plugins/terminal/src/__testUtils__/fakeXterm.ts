import { useEffect, useState } from 'react';
import type { XtermHandle } from '../components/SessionView/useXterm';

type Listener<T> = (value: T) => void;

/**
 * A stand-in for xterm.js, which needs a real browser's layout and canvas: it prints what it
 * is given as plain text into its container (so tests read the screen with testing-library)
 * and lets a test type into it.
 */
export class FakeTerminal {
  cols = 100;
  rows = 30;
  private readonly dataListeners: Listener<string>[] = [];
  private readonly decoder = new TextDecoder();

  constructor(private readonly container: HTMLElement) {}

  write(data: Uint8Array | string, callback?: () => void) {
    this.container.textContent +=
      typeof data === 'string' ? data : this.decoder.decode(data);
    callback?.();
  }
  /** What a user typing in the terminal makes xterm emit. */
  type(text: string) {
    this.dataListeners.forEach(listener => listener(text));
  }
  onData(listener: Listener<string>) {
    this.dataListeners.push(listener);
    return { dispose: () => undefined };
  }
  onBinary() {
    return { dispose: () => undefined };
  }
  onResize() {
    return { dispose: () => undefined };
  }
  /** What a replay does before playing again. */
  reset() {
    this.container.textContent = '';
  }
  resize(cols: number, rows: number) {
    this.cols = cols;
    this.rows = rows;
  }
  focus() {}
  getSelection() {
    return '';
  }
}

/** The terminals the fake hook made, latest last. */
export const fakeTerminals: FakeTerminal[] = [];

/** Drop-in for `useXterm` in component tests. */
export function useFakeXterm(
  container: HTMLElement | null,
): XtermHandle | undefined {
  const [handle, setHandle] = useState<XtermHandle>();
  useEffect(() => {
    if (!container) return undefined;
    const terminal = new FakeTerminal(container);
    fakeTerminals.push(terminal);
    setHandle({
      terminal: terminal as unknown as XtermHandle['terminal'],
      search: {
        findNext: () => false,
        findPrevious: () => false,
        clearDecorations: () => undefined,
      } as unknown as XtermHandle['search'],
      fit: () => undefined,
    });
    return () => setHandle(undefined);
  }, [container]);
  return handle;
}

/** Drop-in for `useReplayTerminal` in component tests. */
export function useFakeReplayTerminal(
  container: HTMLElement | null,
): FakeTerminal | undefined {
  const [terminal, setTerminal] = useState<FakeTerminal>();
  useEffect(() => {
    if (!container) return undefined;
    const created = new FakeTerminal(container);
    fakeTerminals.push(created);
    setTerminal(created);
    return () => setTerminal(undefined);
  }, [container]);
  return terminal;
}
