import { VCLUSTER_NAME_MAX_LENGTH, validateVClusterName } from './validation';

describe('validateVClusterName', () => {
  it.each([
    'a',
    'dev',
    'team-a-dev',
    'x1',
    'a'.repeat(VCLUSTER_NAME_MAX_LENGTH),
  ])('accepts %s', name => {
    expect(validateVClusterName(name)).toBeUndefined();
  });

  it('keeps the namespace, the headless Service and the pods valid at the maximum', () => {
    const name = 'a'.repeat(VCLUSTER_NAME_MAX_LENGTH);
    expect(`vcluster-${name}`.length).toBeLessThanOrEqual(63);
    expect(`${name}-headless`.length).toBeLessThanOrEqual(63);
    // The StatefulSet controller labels pods with `<name>-<10-char revision hash>`.
    expect(`${name}-7d9f8c6b5d`.length).toBeLessThanOrEqual(63);
  });

  it('rejects a name one character too long, saying the limit', () => {
    expect(validateVClusterName('a'.repeat(VCLUSTER_NAME_MAX_LENGTH + 1))).toBe(
      'The name may have at most 52 characters (it has 53).',
    );
  });

  it.each([
    ['', 'required'],
    ['Dev', 'lower-case'],
    ['dev_1', 'lower-case'],
    ['-dev', 'start with a letter'],
    ['1dev', 'start with a letter'],
    ['dev-', 'end with a letter or digit'],
    ['dev.team', 'lower-case'],
    ['dév', 'lower-case'],
  ])('rejects %j', (name, expected) => {
    expect(validateVClusterName(name)).toContain(expected);
  });
});
