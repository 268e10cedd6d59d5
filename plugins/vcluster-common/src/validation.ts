/**
 * The longest vCluster name. The name becomes a StatefulSet, whose pods carry the label
 * `controller-revision-hash: <name>-<10-char hash>`; label values stop at 63 characters, so a
 * StatefulSet name above 52 characters creates no pods. 52 also keeps `vcluster-<name>` (61)
 * and `<name>-headless` (61) valid.
 * @public
 */
export const VCLUSTER_NAME_MAX_LENGTH = 52;

// DNS-1035 label: the name is also a Service's name, which must start with a letter.
const NAME_PATTERN = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Checks a vCluster name; the backend and the create dialog use this one function.
 * @returns why the name is not allowed, or undefined when it is.
 * @public
 */
export function validateVClusterName(name: string): string | undefined {
  if (typeof name !== 'string' || name.length === 0) {
    return 'The name is required.';
  }
  if (name.length > VCLUSTER_NAME_MAX_LENGTH) {
    return `The name may have at most ${VCLUSTER_NAME_MAX_LENGTH} characters (it has ${name.length}).`;
  }
  if (!NAME_PATTERN.test(name)) {
    return 'The name must consist of lower-case letters, digits and "-", start with a letter and end with a letter or digit.';
  }
  return undefined;
}
