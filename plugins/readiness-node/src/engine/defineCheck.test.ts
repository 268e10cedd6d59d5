import { passes } from './defineCheck';

describe('passes', () => {
  const tagged = passes(
    (label: string, tag: string) => `${label} image is tagged ${tag}.`,
  );

  it('gives a pass with the message of its values, the same verdict for the same values', () => {
    const first = tagged('Container "web"', '1.2');
    expect(first).toEqual({
      passed: true,
      message: 'Container "web" image is tagged 1.2.',
      fieldPaths: undefined,
    });
    expect(tagged('Container "web"', '1.2')).toBe(first);
    expect(tagged('Container "web"', '1.3').message).toBe(
      'Container "web" image is tagged 1.3.',
    );
    expect(tagged('Container "api"', '1.2').message).toBe(
      'Container "api" image is tagged 1.2.',
    );
  });

  it('tells values apart that print alike, and keeps giving right messages past what it keeps', () => {
    const restarted = passes(
      (name: unknown, restarts: number) =>
        `Container "${name}" restarted ${restarts} times.`,
    );
    expect(restarted(undefined, 0).message).toBe(
      'Container "undefined" restarted 0 times.',
    );
    expect(restarted('undefined', 0)).not.toBe(restarted(undefined, 0));
    for (let n = 0; n < 10_000; n++) {
      expect(restarted(`c${n % 5000}`, n).message).toBe(
        `Container "c${n % 5000}" restarted ${n} times.`,
      );
    }
    expect(restarted('c1', 1).message).toBe(
      'Container "c1" restarted 1 times.',
    );
  });
});
