import type { VClusterPortalConfig } from '@hatchway/plugin-vcluster-common';
import { TextField } from '@material-ui/core';
import { CreateFormValues, withSize } from './createForm';

/** A labelled native select of plain string choices, each shown as itself. */
const Choice = (props: {
  id: string;
  label: string;
  value: string;
  choices: readonly string[];
  onChange: (value: string) => void;
  helperText?: string;
}) => (
  <TextField
    select
    SelectProps={{ native: true }}
    id={props.id}
    label={props.label}
    value={props.value}
    onChange={e => props.onChange(e.target.value)}
    helperText={props.helperText}
    fullWidth
    margin="dense"
  >
    {props.choices.map(choice => (
      <option key={choice} value={choice}>
        {choice}
      </option>
    ))}
  </TextField>
);

/** The create dialog's inputs; native selects so every choice is a plain, labelled option. */
export const CreateVClusterFields = (props: {
  config: VClusterPortalConfig;
  owners: string[];
  values: CreateFormValues;
  errors: Partial<Record<keyof CreateFormValues, string>>;
  onChange: (values: CreateFormValues) => void;
}) => {
  const { config, owners, values, errors, onChange } = props;
  const size = config.sizes.find(s => s.name === values.size);
  const set = (field: keyof CreateFormValues) => (value: string) =>
    onChange({ ...values, [field]: value });
  return (
    <>
      <TextField
        id="vcluster-name"
        label="Name"
        value={values.name}
        onChange={e => set('name')(e.target.value)}
        // An empty name disables Create without scolding the user before they typed.
        error={Boolean(values.name && errors.name)}
        helperText={
          (values.name && errors.name) ||
          `Lower-case letters, digits and "-", at most ${config.nameMaxLength} characters`
        }
        fullWidth
        margin="dense"
      />
      <Choice
        id="vcluster-size"
        label="Size"
        value={values.size}
        choices={config.sizes.map(s => s.name)}
        onChange={name => onChange(withSize(values, config, name))}
        helperText={size?.description}
      />
      <TextField
        id="vcluster-ttl"
        label="TTL (hours)"
        type="number"
        value={values.ttlHours}
        onChange={e => set('ttlHours')(e.target.value)}
        error={Boolean(errors.ttlHours)}
        helperText={
          errors.ttlHours ??
          (size && `Deleted after this long; at most ${size.maxTtlHours} hours`)
        }
        inputProps={{ min: 1, max: size?.maxTtlHours }}
        fullWidth
        margin="dense"
      />
      <Choice
        id="vcluster-owner"
        label="Owner"
        value={values.owner}
        choices={owners}
        onChange={set('owner')}
        helperText="You, or a group you belong to"
      />
      {config.hostClusters.length > 1 && (
        <Choice
          id="vcluster-host-cluster"
          label="Host cluster"
          value={values.cluster}
          choices={config.hostClusters}
          onChange={set('cluster')}
        />
      )}
    </>
  );
};
