import { EmptyState } from '@backstage/core-components';
import { Box, makeStyles, Typography } from '@material-ui/core';

/** The presets the backend knows, in the order the README lists them. */
const PRESETS = [
  'sealed-secrets',
  'external-secrets',
  'kyverno',
  'cert-manager',
  'ingress-nginx',
  'oauth2-proxy',
  'prometheus',
  'alertmanager',
  'grafana',
  'argocd',
];

const useStyles = makeStyles(theme => ({
  yaml: {
    margin: 0,
    padding: theme.spacing(2),
    backgroundColor: theme.palette.background.default,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    fontSize: 13,
    overflowX: 'auto',
    textAlign: 'left',
  },
}));

/** The app-config that would give `cluster` a platform board. */
export function configExample(cluster: string): string {
  return [
    'readiness:',
    '  platform:',
    `    ${/^[\w-]+$/.test(cluster) ? cluster : JSON.stringify(cluster)}:`,
    '      - cert-manager',
    '      - ingress-nginx',
    '      - sealed-secrets',
    '      - name: grafana',
    '        namespaces: [observability]',
    '        entityRef: component:default/grafana',
    '      - name: knowledge-rag',
    '        namespaces: [ai]',
    '        workloadName: knowledge-rag',
    '        minReadyReplicas: 2',
  ].join('\n');
}

/** No component is expected on the cluster: say how to expect some. */
export const PlatformNotConfigured = (props: { cluster: string }) => {
  const classes = useStyles();
  return (
    <EmptyState
      missing="info"
      title={`No platform components configured for ${props.cluster}`}
      description={
        <>
          List the components the platform team expects on this cluster under{' '}
          <code>readiness.platform</code> in app-config, by cluster name (the
          key <code>default</code> covers every cluster without a list of its
          own). An entry is a preset ({PRESETS.join(', ')}) or an object that
          overrides one or describes a component of its own. The board fills in
          after the next scan.
        </>
      }
      action={
        <Box>
          <Typography variant="subtitle2" gutterBottom>
            app-config.yaml
          </Typography>
          <pre className={classes.yaml} aria-label="Example configuration">
            {configExample(props.cluster)}
          </pre>
        </Box>
      }
    />
  );
};

/** Components are configured but no scan has evaluated them yet. */
export const WaitingForFirstScan = (props: {
  cluster: string;
  action?: JSX.Element;
}) => (
  <EmptyState
    missing="data"
    title="Waiting for the first scan"
    description={`Platform components are configured for ${props.cluster}, but no scan has checked them yet. Their status, the readiness percentage and its trend appear after the next scheduled scan.`}
    action={props.action}
  />
);
