import { isTerminalApiError } from '../../api/TerminalApiError';
import { describeTerminalError } from '../../api/describeTerminalError';

/** What to say when nothing was recorded (the backend answers 404). */
export const NO_RECORDING =
  'No recording yet: the session has not shown anything on its terminal so far.';

/** The sentence for a failed recording request: "no recording yet" for a 404. */
export function describeRecordingError(error: Error): string {
  if (isTerminalApiError(error, 'not-found')) return NO_RECORDING;
  return `Could not load the recording: ${describeTerminalError(error)}`;
}
