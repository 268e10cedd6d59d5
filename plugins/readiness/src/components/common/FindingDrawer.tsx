import { Link } from '@backstage/core-components';
import { Button, Divider, makeStyles, Typography } from '@material-ui/core';
import {
  CheckDefinition,
  formatResource,
} from '@hatchway/plugin-readiness-common';
import type { ReactNode } from 'react';
import type { ReadinessFinding } from '../../api/types';
import { DetailsDrawer } from './DetailsDrawer';
import { checkTitle } from './FindingsTable';
import { CATEGORY_LABELS, formatTime, STATUS_LABELS } from './labels';
import { SeverityChip } from './SeverityChip';

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(2) },
  code: {
    fontFamily: 'monospace',
    fontSize: 13,
    wordBreak: 'break-all',
    background: theme.palette.action.hover,
    padding: theme.spacing(0.25, 0.5),
    borderRadius: 4,
  },
}));

const Section = (props: { title: string; children: ReactNode }) => {
  const classes = useStyles();
  return (
    <div className={classes.section}>
      <Typography variant="overline" color="textSecondary">
        {props.title}
      </Typography>
      {props.children}
    </div>
  );
};

/**
 * One finding in full: the resource, the fields that failed and how to fix it, with a button
 * to exempt it when the caller may (`onExempt`).
 */
export const FindingDrawer = (props: {
  finding: ReadinessFinding | undefined;
  checks: ReadonlyMap<string, CheckDefinition>;
  onClose: () => void;
  onExempt?: (finding: ReadinessFinding) => void;
}) => {
  const classes = useStyles();
  const { checks, onClose, onExempt } = props;
  return (
    <DetailsDrawer
      item={props.finding}
      onClose={onClose}
      width={520}
      head={f => ({
        label: 'Finding details',
        title: checkTitle(f, checks),
        subtitle: `${f.checkId} · ${
          CATEGORY_LABELS[f.category] ?? f.category
        } · ${STATUS_LABELS[f.status] ?? f.status}`,
        badge: <SeverityChip severity={f.severity} />,
      })}
    >
      {finding => {
        const check = checks.get(finding.checkId);
        return (
          <>
            <Section title="Resource">
              <Typography>{formatResource(finding.resource)}</Typography>
              <Typography variant="body2" color="textSecondary">
                {finding.resource.apiVersion}
                {finding.resource.cluster
                  ? ` · cluster ${finding.resource.cluster}`
                  : ''}
                {finding.container ? ` · container ${finding.container}` : ''}
                {finding.owners?.length
                  ? ` · owner ${finding.owners.join(', ')}`
                  : ''}
              </Typography>
            </Section>
            <Section title="What was found">
              <Typography>{finding.message}</Typography>
            </Section>
            {finding.fieldPaths && finding.fieldPaths.length > 0 && (
              <Section title="Failing fields">
                {finding.fieldPaths.map(path => (
                  <Typography key={path} component="div">
                    <span className={classes.code}>{path}</span>
                  </Typography>
                ))}
              </Section>
            )}
            <Section title="Remediation">
              <Typography>
                {check?.remediation ?? 'No remediation text for this check.'}
              </Typography>
              {check?.docsUrl && (
                <Link to={check.docsUrl} externalLinkIcon>
                  Read the check's documentation
                </Link>
              )}
            </Section>
            {finding.exemption && (
              <Section title="Exemption">
                <Typography>{finding.exemption.reason}</Typography>
                <Typography variant="body2" color="textSecondary">
                  {finding.exemption.owner ?? finding.exemption.source} ·
                  expires {formatTime(finding.exemption.expiresAt)}
                </Typography>
              </Section>
            )}
            {finding.policyReport && (
              <Section title="Policy report">
                <Typography variant="body2">
                  {finding.policyReport.source ?? 'policy'}{' '}
                  {finding.policyReport.policy}
                  {finding.policyReport.rule
                    ? `/${finding.policyReport.rule}`
                    : ''}
                  : {finding.policyReport.result}
                </Typography>
              </Section>
            )}
            {onExempt && finding.status === 'failed' && (
              <>
                <Divider className={classes.section} />
                <Button
                  className={classes.section}
                  variant="outlined"
                  color="primary"
                  onClick={() => onExempt(finding)}
                >
                  Exempt this finding
                </Button>
              </>
            )}
          </>
        );
      }}
    </DetailsDrawer>
  );
};
