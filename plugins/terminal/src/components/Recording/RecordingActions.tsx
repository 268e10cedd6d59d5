import { useApi } from '@backstage/frontend-plugin-api';
import { Box, Button, Typography } from '@material-ui/core';
import { useState } from 'react';
import { terminalApiRef } from '../../api/TerminalApi';
import { describeRecordingError } from './recordingMessages';
import { RecordingDialog } from './RecordingDialog';
import { saveFile } from './saveFile';

/** Props of {@link RecordingActions}. */
export interface RecordingActionsProps {
  sessionId: string;
}

/** "Play recording" (a dialog) and "Download recording" (`<session>.cast`) for a recorded session. */
export const RecordingActions = ({ sessionId }: RecordingActionsProps) => {
  const api = useApi(terminalApiRef);
  const [playing, setPlaying] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const [error, setError] = useState<string>();

  const download = async () => {
    setDownloading(true);
    setError(undefined);
    try {
      const cast = await api.getRecording(sessionId);
      saveFile(`${sessionId}.cast`, cast, 'application/x-asciicast');
    } catch (e) {
      setError(describeRecordingError(e as Error));
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Box>
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <Button
          size="small"
          variant="outlined"
          onClick={() => setPlaying(true)}
        >
          Play recording
        </Button>
        <Button
          size="small"
          variant="outlined"
          disabled={downloading}
          onClick={download}
        >
          {downloading ? 'Downloading…' : 'Download recording'}
        </Button>
      </Box>
      {error && (
        <Typography variant="caption" color="error" role="alert">
          {error}
        </Typography>
      )}
      {playing && (
        <RecordingDialog
          sessionId={sessionId}
          onClose={() => setPlaying(false)}
        />
      )}
    </Box>
  );
};
