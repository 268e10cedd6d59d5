import { Box, Link, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { MouseEvent, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { describeError } from '../../api/responseError';

/** What one export offers: its formats, their addresses and how to fetch each. */
export interface ExportSource<F extends string> {
  formats: ReadonlyArray<{ format: F; label: string }>;
  /** Changes whenever what is exported does, so the addresses are fetched anew. */
  key: string;
  url(format: F): Promise<string>;
  /** The file, fetched with the user's credentials. */
  download(format: F): Promise<Blob>;
  /** The name the browser saves the file under. */
  filename(format: F): string;
}

/**
 * Links to an export of what the page shows. The addresses come from the discovery API, for
 * people to copy; a click fetches the file with the user's credentials (a bare link would
 * carry none) and hands it to the browser as a download.
 */
export const ExportLinks = <F extends string>(props: {
  source: ExportSource<F>;
}) => {
  const { source } = props;
  const [error, setError] = useState<string>();
  const urls = useAsync(
    () =>
      Promise.all(
        source.formats.map(async f => ({
          ...f,
          url: await source.url(f.format),
        })),
      ),
    // The source is made anew at each render; its key says when what it exports changed.
    [source.key],
  );

  const download = async (event: MouseEvent, format: F) => {
    event.preventDefault();
    setError(undefined);
    try {
      const href = URL.createObjectURL(await source.download(format));
      const anchor = document.createElement('a');
      anchor.href = href;
      anchor.download = source.filename(format);
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
