/** The terminal's own shortcuts; every other key goes to the shell. */
export type TerminalShortcut = 'copy' | 'paste' | 'find';

/**
 * Ctrl+Shift+C / V / F, as in desktop terminals: with Shift, so that Ctrl+C still interrupts,
 * Ctrl+V still quotes and Ctrl+F still moves the cursor in the shell.
 */
export function terminalShortcut(event: {
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  code: string;
}): TerminalShortcut | undefined {
  if (!event.ctrlKey || !event.shiftKey || event.altKey || event.metaKey) {
    return undefined;
  }
  switch (event.code) {
    case 'KeyC':
      return 'copy';
    case 'KeyV':
      return 'paste';
    case 'KeyF':
      return 'find';
    default:
      return undefined;
  }
}
