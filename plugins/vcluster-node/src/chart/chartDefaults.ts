import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'node:fs';
import { parse } from 'yaml';
import { VCLUSTER_CHART_VERSION } from './version';
import type { ChartValues } from './ChartValues';

const PACKAGE = '@hatchway/plugin-vcluster-node';

/** Path of a file vendored from the pinned chart (`chart/<version>/<file>` in this package). */
export function chartFilePath(file: string): string {
  return resolvePackagePath(PACKAGE, 'chart', VCLUSTER_CHART_VERSION, file);
}

let defaults: ChartValues | undefined;

/**
 * The chart's default values at the pinned version. Read once: the file never changes while the
 * process runs. Callers get a fresh copy because merging mutates nothing but callers might.
 */
export function chartDefaultValues(): ChartValues {
  defaults ??= parse(
    fs.readFileSync(chartFilePath('values.yaml'), 'utf8'),
  ) as ChartValues;
  return structuredClone(defaults);
}
