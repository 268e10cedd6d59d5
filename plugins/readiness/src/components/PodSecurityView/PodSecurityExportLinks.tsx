import { useApi } from '@backstage/frontend-plugin-api';
import { Box, Link, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { MouseEvent, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { readinessApiRef } from '../../api/ReadinessApi';
import { describeError } from '../../api/responseError';
import type {
  PodSecurityFilter,
  ReadinessPodSecurityExportFormat,
} from '../../api/types';

const FORMATS: Array<{
  format: ReadinessPodSecurityExportFormat;
  label: string;
}> = [
  { format: 'csv', label: 'CSV' },
  { format: 'json', label: 'JSON' },
];

/** The namespace view as CSV or JSON, fetched with the user's credentials on click. */
export const PodSecurityExportLinks = (props: {
  filter: PodSecurityFilter;
}) => {
  const api = useApi(readinessApiRef);
  const filterKey = JSON.stringify(props.filter);
  const [error, setError] = useState<string>();
  const urls = useAsync(
    () =>
      Promise.all(
        FORMATS.map(async f => ({
          ...f,
          url: await api.getPodSecurityExportUrl(f.format, props.filter),
        })),
      ),
    [api, filterKey],
  );

  const download = async (
    event: MouseEvent,
    format: ReadinessPodSecurityExportFormat,
  ) => {
    event.preventDefault();
    setError(undefined);
    try {
      const blob = await api.downloadPodSecurityExport(format, props.filter);
      const href = URL.createObjectURL(blob);
      const anchor = document.createElement('a');
      anchor.href = href;
      anchor.download = `pod-security-${
        props.filter.cluster ?? 'all'
      }.${format}`;
      anchor.click();
      URL.revokeObjectURL(href);
    } catch (e) {
      setError(`Export failed: ${describeError(e as Error)}`);
    }
  };

  return (
    <Box>
      <Box display="flex" alignItems="center" style={{ gap: 12 }}>
        <Typography variant="body2" color="textSecondary">
          Export
        </Typography>
        {urls.value?.map(f => (
          <Link
            key={f.format}
            href={f.url}
            onClick={(e: MouseEvent) => download(e, f.format)}
          >
            {f.label}
          </Link>
        ))}
      </Box>
      {error && (
        <Alert severity="error" style={{ marginTop: 8 }}>
          {error}
        </Alert>
      )}
    </Box>
  );
};
