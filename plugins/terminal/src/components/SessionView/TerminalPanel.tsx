import { Box, Button, makeStyles, Paper } from '@material-ui/core';
import { useCallback, useEffect, useState } from 'react';
import { EndSessionButton } from '../common/EndSessionButton';
import { ConnectionStatusBar } from './ConnectionStatusBar';
import { TerminalSearchBox } from './TerminalSearchBox';
import { useTtydConnection } from './useTtydConnection';
import { useXterm } from './useXterm';

const useStyles = makeStyles(theme => ({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    height: '70vh',
    minHeight: 320,
  },
  fullScreen: {
    position: 'fixed',
    inset: 0,
    zIndex: theme.zIndex.modal,
    height: '100vh',
    borderRadius: 0,
  },
  toolbar: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    padding: theme.spacing(1),
  },
  screen: { flex: 1, minHeight: 0, padding: 4, background: '#000' },
}));

/** Props of {@link TerminalPanel}. */
export interface TerminalPanelProps {
  sessionId: string;
  /** Called once the user ended the session. */
  onEnded(): void;
}

/** A Ready session's terminal with its status, search, full screen and End session. */
export const TerminalPanel = ({ sessionId, onEnded }: TerminalPanelProps) => {
  const classes = useStyles();
  const [container, setContainer] = useState<HTMLDivElement | null>(null);
  const [searching, setSearching] = useState(false);
  const [fullScreen, setFullScreen] = useState(false);
  const openSearch = useCallback(() => setSearching(true), []);
  const xterm = useXterm(container, { onFind: openSearch });
  const connection = useTtydConnection(sessionId, xterm);
  const [size, setSize] = useState<{ cols: number; rows: number }>();

  // The size as data attributes: what the shell was told, for people and browser tests alike.
  useEffect(() => {
    if (!xterm) return undefined;
    const { terminal } = xterm;
    setSize({ cols: terminal.cols, rows: terminal.rows });
    const sub = terminal.onResize(({ cols, rows }) => setSize({ cols, rows }));
    return () => sub.dispose();
  }, [xterm]);
  // Going full screen and back changes the container's size; the observer refits after layout.
  useEffect(() => xterm?.terminal.focus(), [fullScreen, xterm]);

  return (
    <Paper
      className={`${classes.panel} ${fullScreen ? classes.fullScreen : ''}`}
    >
      <div className={classes.toolbar}>
        <ConnectionStatusBar
          status={connection.status}
          title={connection.title}
          onReconnect={connection.reconnect}
        />
        <Box flex={1} />
        {searching && xterm && (
          <TerminalSearchBox
            search={xterm.search}
            onClose={() => setSearching(false)}
          />
        )}
        <Button
          size="small"
          onClick={() => setSearching(s => !s)}
          title="Ctrl+Shift+F"
        >
          Find
        </Button>
        <Button size="small" onClick={() => setFullScreen(f => !f)}>
          {fullScreen ? 'Exit full screen' : 'Full screen'}
        </Button>
        <EndSessionButton
          size="small"
          sessionId={sessionId}
          onEnded={() => {
            connection.close();
            onEnded();
          }}
        />
      </div>
      <div
        ref={setContainer}
        className={classes.screen}
        data-testid="terminal-screen"
        data-cols={size?.cols}
        data-rows={size?.rows}
      />
    </Paper>
  );
};
