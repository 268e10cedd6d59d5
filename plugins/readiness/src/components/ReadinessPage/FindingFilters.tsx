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

/** A select of `options` after "Any" (the empty value). */
const Choice = (props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: ReadonlyArray<{ value: string; label: string }>;
}) => (
  <TextField
    select
    fullWidth
    size="small"
    variant="outlined"
    id={`readiness-filter-${props.id}`}
    label={props.label}
    value={props.value}
    onChange={e => props.onChange(e.target.value)}
    SelectProps={{ native: true }}
    InputLabelProps={{ shrink: true }}
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
      fullWidth
      size="small"
      variant="outlined"
      id={`readiness-filter-${props.id}`}
      label={props.label}
      placeholder={props.placeholder}
      value={text}
      onChange={e => setText(e.target.value)}
      InputLabelProps={{ shrink: true }}
    />
  );
};

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
      <Grid item xs={6} md={2}>
        <Choice
          id="severity"
          label="Severity"
          value={value.severity}
          onChange={set('severity')}
          options={SEVERITIES.map(s => ({
            value: s,
            label: SEVERITY_LABELS[s],
          }))}
        />
      </Grid>
      <Grid item xs={6} md={2}>
        <Choice
          id="category"
          label="Category"
          value={value.category}
          onChange={set('category')}
          options={CATEGORIES.map(c => ({
            value: c,
            label: CATEGORY_LABELS[c],
          }))}
        />
      </Grid>
      <Grid item xs={6} md={2}>
        <TextFilter
          id="namespace"
          label="Namespace"
          placeholder="Any"
          value={value.namespace}
          onChange={set('namespace')}
        />
      </Grid>
      <Grid item xs={6} md={2}>
        <TextFilter
          id="owner"
          label="Owning team"
          placeholder="group:default/team-a"
          value={value.owner}
          onChange={set('owner')}
        />
      </Grid>
      <Grid item xs={6} md={2}>
        <Choice
          id="check"
          label="Check"
          value={value.check}
          onChange={set('check')}
          options={[...checks]
            .sort((a, b) => a.title.localeCompare(b.title))
            .map(c => ({ value: c.id, label: c.title }))}
        />
      </Grid>
      <Grid item xs={6} md={2}>
        <Choice
          id="status"
          label="Status"
          value={value.status}
          onChange={set('status')}
          options={STATUSES.map(s => ({ value: s, label: STATUS_LABELS[s] }))}
        />
      </Grid>
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
