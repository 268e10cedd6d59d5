import type { VClusterPortalConfig } from '@hatchway/plugin-vcluster-common';
import { TextField } from '@material-ui/core';
import { CreateFormValues, withSize } from './createForm';

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
      <TextField
        select
        SelectProps={{ native: true }}
        id="vcluster-size"
        label="Size"
        value={values.size}
        onChange={e => onChange(withSize(values, config, e.target.value))}
        helperText={size?.description}
        fullWidth
        margin="dense"
      >
        {config.sizes.map(s => (
          <option key={s.name} value={s.name}>
            {s.name}
          </option>
        ))}
      </TextField>
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
      <TextField
        select
        SelectProps={{ native: true }}
        id="vcluster-owner"
        label="Owner"
        value={values.owner}
        onChange={e => set('owner')(e.target.value)}
        helperText="You, or a group you belong to"
        fullWidth
        margin="dense"
      >
        {owners.map(ref => (
          <option key={ref} value={ref}>
            {ref}
          </option>
        ))}
      </TextField>
      {config.hostClusters.length > 1 && (
        <TextField
          select
          SelectProps={{ native: true }}
          id="vcluster-host-cluster"
          label="Host cluster"
          value={values.cluster}
          onChange={e => set('cluster')(e.target.value)}
          fullWidth
          margin="dense"
        >
          {config.hostClusters.map(c => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </TextField>
      )}
    </>
  );
};
