import { ErrorPanel } from '@backstage/core-components';
import { Box, Button } from '@material-ui/core';

/**
 * An error panel with a Retry button below it. The button stays outside the panel, whose
 * children are folded away with the error details.
 */
export const ErrorWithRetry = (props: {
  error: Error;
  title: string;
  onRetry: () => void;
}) => (
  <>
    <ErrorPanel error={props.error} title={props.title} />
    <Box mt={2}>
      <Button variant="outlined" onClick={props.onRetry}>
        Retry
      </Button>
    </Box>
  </>
);
