import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import {
  Box,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import type {
  ReadinessPodSecurityNamespace,
  ReadinessPodSecurityRefusal,
} from '../../api/types';
import { rootRouteRef } from '../../routes';
import { DetailsDrawer } from '../common/DetailsDrawer';
import { formatTime } from '../common/labels';
import { PodSecurityLevelChip } from './PodSecurityLevelChip';
import {
  findingsSearch,
  podSecurityLevelLabel,
  StricterLevel,
  verdict,
} from './podSecurity';

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(3) },
  workload: { marginTop: theme.spacing(2) },
  code: { fontFamily: 'monospace', fontSize: 13 },
}));

const Workload = (props: {
  namespace: ReadinessPodSecurityNamespace;
  workload: ReadinessPodSecurityRefusal;
}) => {
  const classes = useStyles();
  const page = useRouteRef(rootRouteRef);
  const { namespace, workload } = props;
  const name = `${workload.kind} ${workload.name}`;
  const entity = workload.entityRefs[0];
  return (
    <Box
      className={classes.workload}
      role="group"
      aria-label={`Refused workload ${name}`}
    >
      <Box display="flex" alignItems="baseline" style={{ gap: 16 }}>
        <Typography variant="subtitle1" style={{ flexGrow: 1 }}>
          {name}
        </Typography>
        {page && (
          <Link to={`${page()}?${findingsSearch(namespace, workload)}`}>
            {entity
              ? `Findings of ${entity}`
              : `Security findings in ${namespace.namespace}`}
          </Link>
        )}
      </Box>
      <Table size="small" aria-label={`Controls ${name} breaks`}>
        <TableHead>
          <TableRow>
            <TableCell>Control</TableCell>
            <TableCell>Why it is refused</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {workload.controls.map(control => (
            <TableRow key={control.id}>
              <TableCell>
                <Typography variant="body2">{control.name}</Typography>
                <Typography variant="caption" className={classes.code}>
                  {control.id}
                </Typography>
              </TableCell>
              <TableCell>{control.message}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};

/** A namespace's standing in full: its labels, and each stricter level's refused workloads. */
export const RefusedWorkloadsDrawer = (props: {
  namespace: ReadinessPodSecurityNamespace | undefined;
  onClose: () => void;
}) => {
  const classes = useStyles();
  return (
    <DetailsDrawer
      item={props.namespace}
      onClose={props.onClose}
      width={640}
      head={n => ({
        label: `Pod Security of ${n.namespace}`,
        title: n.namespace,
        subtitle: `${n.cluster} · judged at ${n.version} · scanned ${formatTime(
          n.scannedAt,
        )}`,
      })}
    >
      {namespace => (
        <>
          <Box
            className={classes.section}
            display="flex"
            alignItems="center"
            style={{ gap: 8 }}
          >
            <PodSecurityLevelChip level={namespace.enforce} label="Enforced" />
            <Typography aria-hidden>→</Typography>
            <PodSecurityLevelChip
              level={namespace.possibleLevel}
              label="Possible"
            />
            <Typography variant="body2">{verdict(namespace)}</Typography>
          </Box>
          <Typography variant="body2" color="textSecondary">
            Labels:{' '}
            {(['enforce', 'audit', 'warn'] as const)
              .map(mode => {
                const level = namespace.labels[mode];
                const version = namespace.labels[`${mode}Version`];
                return level ?? version
                  ? `${mode}=${level ?? '—'}${version ? `@${version}` : ''}`
                  : undefined;
              })
              .filter(Boolean)
              .join(', ') || 'none'}
          </Typography>
          {namespace.warnings.map(warning => (
            <Typography key={warning} variant="body2" color="error">
              {warning}
            </Typography>
          ))}
          {(Object.keys(namespace.refused) as StricterLevel[]).map(level => {
            const refused = namespace.refused[level] ?? [];
            return (
              <Box key={level} className={classes.section}>
                <Typography variant="h6">
                  {`Refused at ${podSecurityLevelLabel(level)} (${
                    refused.length
                  })`}
                </Typography>
                {refused.length === 0 ? (
                  <Typography color="textSecondary">
                    Every workload would be admitted at {level}.
                  </Typography>
                ) : (
                  refused.map(workload => (
                    <Workload
                      key={`${workload.kind}/${workload.name}`}
                      namespace={namespace}
                      workload={workload}
                    />
                  ))
                )}
              </Box>
            );
          })}
        </>
      )}
    </DetailsDrawer>
  );
};
