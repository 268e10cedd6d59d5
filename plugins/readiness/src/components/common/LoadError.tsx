import { ErrorPanel } from '@backstage/core-components';
import { Box, Button } from '@material-ui/core';
import { describeError } from '../../api/responseError';

/** What could not be loaded, in the backend's words, with a button to try again. */
export const LoadError = (props: {
  /** What failed to load, e.g. "the platform board". */
  what: string;
  error: Error;
  retry: () => void;
}) => (
  <>
    <ErrorPanel
      error={props.error}
      title={`Could not load ${props.what}: ${describeError(props.error)}`}
    />
    <Box mt={2}>
      <Button variant="outlined" onClick={props.retry}>
        Retry
      </Button>
    </Box>
  </>
);
