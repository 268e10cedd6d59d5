import { Chip, Grid, TextField } from '@material-ui/core';
import {
  CATEGORIES,
  Category,
  CheckDefinition,
  FindingStatus,
  SEVERITIES,
  Severity,
} from '@hatchway/plugin-readiness-common';
import { useEffect, useState } from 'react';
import {
  CATEGORY_LABELS,
  SEVERITY_LABELS,
  STATUS_LABELS,
} from '../common/labels';

/** The findings filters; an empty string means "any". */
export interface FindingFilterValues {
  severity: Severity | '';
  category: Category | '';
  namespace: string;
  owner: string;
  check: string;
  status: FindingStatus | '';
  /** A catalog entity's ref, set by links (e.g. from a refused workload); cleared with its chip. */
  entity: string;
}

export const DEFAULT_FILTERS: FindingFilterValues = {
  severity: '',
  category: '',
  namespace: '',
  owner: '',
  check: '',
  status: 'failed',
  entity: '',
};

const STATUSES: FindingStatus[] = ['failed', 'exempted', 'skipped', 'passed'];

/** Typing in a text filter waits this long before the findings reload. */
const TEXT_DEBOUNCE_MS = 300;

type Option = { value: string; label: string };

/** What every filter field shares: a compact outlined field whose label stays above it. */
const filterFieldProps = (id: string, label: string) =>
  ({
    fullWidth: true,
    size: 'small',
    variant: 'outlined',
    id: `readiness-filter-${id}`,
    label,
    InputLabelProps: { shrink: true },
  } as const);

/** A select of `options` after "Any" (the empty value). */
const Choice = (props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: ReadonlyArray<Option>;
}) => (
  <TextField
    select
    {...filterFieldProps(props.id, props.label)}
    value={props.value}
    onChange={e => props.onChange(e.target.value)}
    SelectProps={{ native: true }}
  >
    <option value="">Any</option>
    {props.options.map(o => (
      <option key={o.value} value={o.value}>
        {o.label}
      </option>
    ))}
  </TextField>
);

/** A text filter that reports its value once typing pauses. */
const TextFilter = (props: {
  id: string;
  label: string;
  value: string;
  placeholder: string;
  onChange: (value: string) => void;
}) => {
  const { value, onChange } = props;
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text.trim() === value) return undefined;
    const timer = setTimeout(() => onChange(text.trim()), TEXT_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);
  return (
    <TextField
      {...filterFieldProps(props.id, props.label)}
      placeholder={props.placeholder}
      value={text}
      onChange={e => setText(e.target.value)}
    />
  );
};

/** One filter control: a select of options after "Any", or debounced free text. */
type FilterDefinition = {
  key: Exclude<keyof FindingFilterValues, 'entity'>;
  label: string;
} & (
  | { options: (checks: CheckDefinition[]) => Option[] }
  | { placeholder: string }
);

/** The filters in the order they are shown. */
const FILTERS: FilterDefinition[] = [
  {
    key: 'severity',
    label: 'Severity',
    options: () =>
      SEVERITIES.map(s => ({ value: s, label: SEVERITY_LABELS[s] })),
  },
  {
    key: 'category',
    label: 'Category',
    options: () =>
      CATEGORIES.map(c => ({ value: c, label: CATEGORY_LABELS[c] })),
  },
  { key: 'namespace', label: 'Namespace', placeholder: 'Any' },
  { key: 'owner', label: 'Owning team', placeholder: 'group:default/team-a' },
  {
    key: 'check',
    label: 'Check',
    options: checks =>
      [...checks]
        .sort((a, b) => a.title.localeCompare(b.title))
        .map(c => ({ value: c.id, label: c.title })),
  },
  {
    key: 'status',
    label: 'Status',
    options: () => STATUSES.map(s => ({ value: s, label: STATUS_LABELS[s] })),
  },
];

/** Filters of the findings table: severity, category, namespace, owning team, check, status. */
export const FindingFilters = (props: {
  value: FindingFilterValues;
  checks: CheckDefinition[];
  onChange: (value: FindingFilterValues) => void;
}) => {
  const { value, checks, onChange } = props;
  const set =
    <K extends keyof FindingFilterValues>(key: K) =>
    (v: string) =>
      onChange({ ...value, [key]: v });
  return (
    <Grid container spacing={2}>
      {FILTERS.map(filter => (
        <Grid item xs={6} md={2} key={filter.key}>
          {'options' in filter ? (
            <Choice
              id={filter.key}
              label={filter.label}
              value={value[filter.key]}
              onChange={set(filter.key)}
              options={filter.options(checks)}
            />
          ) : (
            <TextFilter
              id={filter.key}
              label={filter.label}
              placeholder={filter.placeholder}
              value={value[filter.key]}
              onChange={set(filter.key)}
            />
          )}
        </Grid>
      ))}
      {value.entity && (
        <Grid item xs={12}>
          <Chip
            size="small"
            label={`Entity: ${value.entity}`}
            onDelete={() => set('entity')('')}
          />
        </Grid>
      )}
    </Grid>
  );
};
