import { ConfigReader } from '@backstage/config';
import { DEFAULT_LEVELS } from '@hatchway/plugin-readiness-common';
import { readReadinessConfig } from './readReadinessConfig';

const read = (readiness?: object) =>
  readReadinessConfig(new ConfigReader(readiness ? { readiness } : {}));

describe('readReadinessConfig', () => {
  it('defaults to a 10-minute schedule, 90 days of history and annotation exemptions on', () => {
    expect(read()).toEqual({
      profile: 'default',
      overrides: {},
      settings: { secretsListed: false },
      allowAnnotationExemptions: true,
      retentionDays: 90,
      maxExemptionDays: 365,
      levels: DEFAULT_LEVELS,
      schedule: {
        frequency: { minutes: 10 },
        timeout: { minutes: 5 },
        initialDelay: { seconds: 30 },
        scope: undefined,
      },
    });
  });

  it('reads every key', () => {
    const options = read({
      schedule: { frequency: { minutes: 2 }, initialDelay: 'PT5S' },
      profile: 'production',
      checks: {
        'image-tag': { severity: 'danger' },
        'readiness-probe': { enabled: false },
      },
      retentionDays: 30,
      allowAnnotationExemptions: false,
      externalSecretMaxAgeSeconds: 600,
      restartThreshold: 3,
      certificateExpiryDays: 7,
      dangerousCapabilities: ['SYS_ADMIN'],
      exemptions: { maxDays: 30 },
      levels: [
        {
          id: 'ok',
          title: 'OK',
          minScore: 80,
          requirements: [{ severity: 'danger', max: 0 }],
        },
      ],
    });
    expect(options).toMatchObject({
      profile: 'production',
      overrides: {
        checks: {
          'image-tag': { severity: 'danger' },
          'readiness-probe': { enabled: false },
        },
      },
      settings: {
        externalSecretMaxAgeSeconds: 600,
        restartThreshold: 3,
        certificateExpiryDays: 7,
        dangerousCapabilities: ['SYS_ADMIN'],
      },
      allowAnnotationExemptions: false,
      retentionDays: 30,
      maxExemptionDays: 30,
      levels: [
        {
          id: 'ok',
          title: 'OK',
          minScore: 80,
          requirements: [{ severity: 'danger', max: 0 }],
        },
      ],
    });
    expect(options.schedule.frequency).toEqual({ minutes: 2 });
    expect(options.schedule.initialDelay).toEqual({ seconds: 5 });
    expect(options.schedule.timeout).toEqual({ minutes: 5 });
    expect(
      read({ schedule: { frequency: { cron: '0 * * * *' } } }).schedule
        .frequency,
    ).toEqual({
      cron: '0 * * * *',
    });
  });

  it.each([
    [
      { profile: 'prod' },
      /readiness.profile "prod" is unknown \(known profiles: default, production\)/,
    ],
    [
      { checks: { 'image-tag': { severity: 'critical' } } },
      /readiness.checks.image-tag.severity must be one of danger, warning/,
    ],
    [{ retentionDays: 0 }, /readiness.retentionDays must be a positive number/],
    [
      {
        levels: [
          {
            id: 'x',
            title: 'X',
            requirements: [{ category: 'speed', max: 0 }],
          },
        ],
      },
      /category must be one of/,
    ],
  ])('rejects %j', (readiness, message) => {
    expect(() => read(readiness)).toThrow(message);
  });
});
