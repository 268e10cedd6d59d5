import { IconButton, TextField } from '@material-ui/core';
import CloseIcon from '@material-ui/icons/Close';
import type { SearchAddon } from '@xterm/addon-search';
import { useEffect, useRef, useState } from 'react';

/** Props of {@link TerminalSearchBox}. */
export interface TerminalSearchBoxProps {
  search: SearchAddon;
  onClose(): void;
}

/** Finds text in the terminal's scrollback: Enter for the next match, Shift+Enter for the previous. */
export const TerminalSearchBox = ({
  search,
  onClose,
}: TerminalSearchBoxProps) => {
  const [term, setTerm] = useState('');
  const input = useRef<HTMLInputElement>(null);
  // Opened on request (button or Ctrl+Shift+F), so typing should land in it at once.
  useEffect(() => input.current?.focus(), []);
  const close = () => {
    search.clearDecorations();
    onClose();
  };
  return (
    <form
      onSubmit={event => event.preventDefault()}
      style={{ display: 'flex', alignItems: 'center' }}
    >
      <TextField
        inputRef={input}
        size="small"
        variant="outlined"
        label="Find in terminal"
        value={term}
        onChange={event => {
          setTerm(event.target.value);
          search.findNext(event.target.value, { incremental: true });
        }}
        onKeyDown={event => {
          if (event.key === 'Escape') close();
          if (event.key !== 'Enter') return;
          if (event.shiftKey) search.findPrevious(term);
          else search.findNext(term);
        }}
      />
      <IconButton aria-label="Close search" size="small" onClick={close}>
        <CloseIcon fontSize="small" />
      </IconButton>
    </form>
  );
};
