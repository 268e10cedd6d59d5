import {
  Box,
  Button,
  MenuItem,
  TextField,
  Typography,
} from '@material-ui/core';
import { useEffect, useRef, useState } from 'react';
import type { Asciicast } from './asciicast';
import { CastReplay, ReplayState } from './CastReplay';
import { useReplayTerminal } from './useReplayTerminal';

const SPEEDS = [0.5, 1, 2, 4, 8];

/** Props of {@link RecordingPlayer}. */
export interface RecordingPlayerProps {
  cast: Asciicast;
}

/** m:ss */
function clock(seconds: number): string {
  const whole = Math.floor(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** Plays a recording in a read-only terminal, with play/pause and speed; starts playing. */
export const RecordingPlayer = ({ cast }: RecordingPlayerProps) => {
  const [container, setContainer] = useState<HTMLDivElement | null>(null);
  const terminal = useReplayTerminal(container, {
    cols: cast.width,
    rows: cast.height,
  });
  const replay = useRef<CastReplay>();
  const [state, setState] = useState<ReplayState>({
    status: 'paused',
    position: 0,
    speed: 1,
  });

  useEffect(() => {
    if (!terminal) return undefined;
    const created = new CastReplay(
      cast,
      {
        write: data => terminal.write(data),
        resize: (cols, rows) => terminal.resize(cols, rows),
        reset: () => terminal.reset(),
      },
      setState,
    );
    replay.current = created;
    created.play();
    return () => {
      created.dispose();
      replay.current = undefined;
    };
  }, [cast, terminal]);

  const playing = state.status === 'playing';
  let playLabel = 'Play';
  if (playing) playLabel = 'Pause';
  else if (state.status === 'ended') playLabel = 'Replay';
  return (
    <Box>
      <Box
        display="flex"
        alignItems="center"
        mb={1}
        style={{ gap: 16 }}
        aria-label="Player controls"
      >
        <Button
          variant="outlined"
          size="small"
          disabled={!terminal}
          onClick={() =>
            playing ? replay.current?.pause() : replay.current?.play()
          }
        >
          {playLabel}
        </Button>
        <TextField
          select
          size="small"
          label="Speed"
          value={state.speed}
          onChange={event =>
            replay.current?.setSpeed(Number(event.target.value))
          }
        >
          {SPEEDS.map(speed => (
            <MenuItem key={speed} value={speed}>
              {speed}×
            </MenuItem>
          ))}
        </TextField>
        <Typography variant="body2" color="textSecondary">
          {clock(state.position)} / {clock(cast.duration)}
        </Typography>
      </Box>
      <div
        ref={setContainer}
        data-testid="recording-screen"
        style={{ background: '#000', padding: 4, overflow: 'auto' }}
      />
    </Box>
  );
};
