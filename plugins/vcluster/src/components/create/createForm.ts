import {
  validateVClusterName,
  VClusterPortalConfig,
  VClusterSizeOption,
} from '@hatchway/plugin-vcluster-common';

/** What the create dialog's fields hold; numbers stay strings while the user types. */
export interface CreateFormValues {
  name: string;
  size: string;
  ttlHours: string;
  owner: string;
  cluster: string;
}

/** The form's starting values: the default size with its default TTL, owned by the user. */
export function initialFormValues(
  config: VClusterPortalConfig,
  userRef: string,
): CreateFormValues {
  const size = sizeNamed(config, config.defaultSize) ?? config.sizes[0];
  return {
    name: '',
    size: size?.name ?? '',
    ttlHours: size ? String(size.defaultTtlHours) : '',
    owner: userRef,
    cluster: config.defaultCluster,
  };
}

/** Choosing a size also resets the TTL to that size's default. */
export function withSize(
  values: CreateFormValues,
  config: VClusterPortalConfig,
  sizeName: string,
): CreateFormValues {
  const size = sizeNamed(config, sizeName);
  return {
    ...values,
    size: sizeName,
    ttlHours: size ? String(size.defaultTtlHours) : values.ttlHours,
  };
}

/** Why a TTL is not allowed for the size, or undefined. */
export function ttlError(
  ttlHours: string,
  size: VClusterSizeOption,
): string | undefined {
  const hours = Number(ttlHours);
  if (ttlHours.trim() === '' || !Number.isInteger(hours) || hours < 1) {
    return 'Enter a whole number of hours, at least 1.';
  }
  if (hours > size.maxTtlHours) {
    return `A ${size.name} vCluster lives at most ${size.maxTtlHours} hours.`;
  }
  return undefined;
}

/** The message to show under each invalid field; the form can be submitted when empty. */
export function formErrors(
  values: CreateFormValues,
  config: VClusterPortalConfig,
): Partial<Record<keyof CreateFormValues, string>> {
  const size = sizeNamed(config, values.size);
  const errors: Partial<Record<keyof CreateFormValues, string>> = {};
  // The same check the backend makes, so the dialog and the API never disagree.
  const name = validateVClusterName(values.name);
  if (name) errors.name = name;
  if (!size) errors.size = 'Choose a size.';
  else {
    const ttl = ttlError(values.ttlHours, size);
    if (ttl) errors.ttlHours = ttl;
  }
  if (!values.owner) errors.owner = 'Choose an owner.';
  return errors;
}

function sizeNamed(config: VClusterPortalConfig, name: string) {
  return config.sizes.find(s => s.name === name);
}
