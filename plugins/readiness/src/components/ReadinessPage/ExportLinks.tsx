import { useApi } from '@backstage/frontend-plugin-api';
import { Box, Link, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { MouseEvent, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { ExportQuery, readinessApiRef } from '../../api/ReadinessApi';
import { describeError } from '../../api/responseError';
import { EXPORT_FORMATS, ExportFormat } from '../../api/types';

const EXTENSIONS: Record<ExportFormat, string> = {
  csv: 'csv',
  json: 'json',
  sarif: 'sarif.json',
  policyreport: 'policyreport.yaml',
};

/**
 * Links to the backend's export of what the page shows. The addresses come from the discovery
 * API; a click fetches the file with the user's credentials (a bare link would carry none)
 * and hands it to the browser as a download.
 */
export const ExportLinks = (props: { query: ExportQuery }) => {
  const api = useApi(readinessApiRef);
  const queryKey = JSON.stringify(props.query);
  const [error, setError] = useState<string>();
  const urls = useAsync(
    async () =>
      Promise.all(
        EXPORT_FORMATS.map(async f => ({
          ...f,
          url: await api.getExportUrl(f.format, props.query),
        })),
      ),
    [api, queryKey],
  );

  const download = async (event: MouseEvent, format: ExportFormat) => {
    event.preventDefault();
    setError(undefined);
    try {
      const blob = await api.downloadExport(format, props.query);
      const href = URL.createObjectURL(blob);
      const anchor = document.createElement('a');
      anchor.href = href;
      anchor.download = `readiness-${props.query.cluster ?? 'all'}.${
        EXTENSIONS[format]
      }`;
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
