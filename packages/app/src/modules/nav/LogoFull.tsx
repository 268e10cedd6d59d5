import { makeStyles } from '@material-ui/core';
import { HatchMark } from './HatchMark';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', gap: 10 },
  text: {
    color: '#ffffff',
    fontSize: 26,
    fontWeight: 700,
    letterSpacing: 0.5,
    fontFamily: 'inherit',
  },
});

/** The Hatchway mark and word, shown in the open sidebar. */
export const LogoFull = () => {
  const classes = useStyles();
  return (
    <span className={classes.root}>
      <HatchMark size={32} />
      <span className={classes.text}>Hatchway</span>
    </span>
  );
};
