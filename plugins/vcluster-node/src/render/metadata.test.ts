import { ownerLabelValue } from './metadata';

const LABEL_VALUE = /^([A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?)?$/;

describe('ownerLabelValue', () => {
  it('spells plain entity refs with dots', () => {
    expect(ownerLabelValue('user:default/jane')).toBe('user.default.jane');
    expect(ownerLabelValue('group:platform/team-a')).toBe(
      'group.platform.team-a',
    );
  });

  it('keeps refs apart that cleaning alone would merge, and stays a valid label value', () => {
    const spaced = ownerLabelValue('user:default/jane doe');
    const dashed = ownerLabelValue('user:default/jane-doe');
    expect(spaced).not.toBe(dashed);
    expect(spaced).toMatch(LABEL_VALUE);
  });

  it('shortens long refs to 63 characters with a hash', () => {
    const long = `user:default/${'x'.repeat(80)}`;
    const value = ownerLabelValue(long);
    expect(value.length).toBeLessThanOrEqual(63);
    expect(value).toMatch(LABEL_VALUE);
    expect(value).not.toBe(ownerLabelValue(`${long}y`));
  });
});
