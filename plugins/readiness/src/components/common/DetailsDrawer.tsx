import {
  Box,
  Drawer,
  IconButton,
  makeStyles,
  Typography,
} from '@material-ui/core';
import CloseIcon from '@material-ui/icons/Close';
import type { ReactNode } from 'react';

const useStyles = makeStyles(theme => ({
  paper: { maxWidth: '100%', padding: theme.spacing(3) },
  head: { display: 'flex', alignItems: 'flex-start', gap: theme.spacing(1) },
}));

/** The head of a details drawer: what it shows, a line about it and an optional chip. */
export interface DetailsHead {
  /** The drawer's accessible name. */
  label: string;
  title: ReactNode;
  subtitle: ReactNode;
  badge?: ReactNode;
}

/**
 * A right-hand drawer showing one item in full (a finding, a namespace): open while there is an
 * item, with its title, a subtitle and a close button above what `children` renders of it.
 */
export function DetailsDrawer<T>(props: {
  item: T | undefined;
  onClose: () => void;
  width: number;
  head: (item: T) => DetailsHead;
  children: (item: T) => ReactNode;
}) {
  const classes = useStyles();
  const { item, onClose, width, head, children } = props;
  const shown = item === undefined ? undefined : head(item);
  return (
    <Drawer
      anchor="right"
      open={item !== undefined}
      onClose={onClose}
      classes={{ paper: classes.paper }}
      PaperProps={{ style: { width } }}
    >
      {item !== undefined && shown && (
        <Box role="region" aria-label={shown.label}>
          <div className={classes.head}>
            <Box flexGrow={1}>
              <Typography variant="h5">{shown.title}</Typography>
              <Typography variant="caption" color="textSecondary">
                {shown.subtitle}
              </Typography>
            </Box>
            {shown.badge}
            <IconButton
              size="small"
              aria-label="Close details"
              onClick={onClose}
            >
              <CloseIcon />
            </IconButton>
          </div>
          {children(item)}
        </Box>
      )}
    </Drawer>
  );
}
