import { ConfigReader } from '@backstage/config';
import { DEFAULT_LEVELS } from '@hatchway/plugin-readiness-common';
import { PLATFORM_PRESETS } from '@hatchway/plugin-readiness-node';
import {
  expectedComponentsFor,
  readReadinessConfig,
} from './readReadinessConfig';

const read = (readiness?: object) =>
  readReadinessConfig(new ConfigReader(readiness ? { readiness } : {}));

describe('readReadinessConfig', () => {
  it('defaults to a 10-minute schedule, 90 days of history and annotation exemptions on', () => {
    expect(read()).toEqual({
      profile: 'default',
      overrides: {},
      settings: { secretsListed: false },
      allowAnnotationExemptions: true,
      excludeNamespaces: new Set([
        'kube-system',
        'kube-public',
        'kube-node-lease',
      ]),
      retentionDays: 90,
      maxExemptionDays: 365,
      levels: DEFAULT_LEVELS,
      schedule: {
        frequency: { minutes: 10 },
        timeout: { minutes: 5 },
        initialDelay: { seconds: 30 },
        scope: undefined,
      },
      platform: { clusters: new Map(), default: [] },
      live: {
        enabledFor: expect.any(Function),
        debounceMs: 500,
        failureThreshold: 5,
        retryDelayMs: 1000,
      },
    });
    expect(read().live.enabledFor('any')).toBe(true);
  });

  it('reads live re-scoring: on or off globally and per cluster, debounce and retries', () => {
    const live = read({
      liveRescoring: {
        enabled: false,
        clusters: { 'prod.eu-1': { enabled: true } },
        debounce: { seconds: 2 },
        failureThreshold: 3,
        retryDelay: 'PT0.25S',
      },
    }).live;
    expect(live.enabledFor('prod.eu-1')).toBe(true);
    expect(live.enabledFor('dev')).toBe(false);
    expect(live).toMatchObject({
      debounceMs: 2000,
      failureThreshold: 3,
      retryDelayMs: 250,
    });
    const perCluster = read({
      liveRescoring: { clusters: { dev: { enabled: false } } },
    }).live;
    expect(perCluster.enabledFor('dev')).toBe(false);
    expect(perCluster.enabledFor('prod')).toBe(true);
  });

  it('resolves the platform components per cluster, with a default list for the others', () => {
    const { platform } = read({
      platform: {
        default: ['cert-manager'],
        'k8s-1': [
          'sealed-secrets',
          {
            name: 'grafana',
            namespaces: ['observability'],
            entityRef: 'grafana',
          },
          {
            preset: 'prometheus',
            name: 'prometheus-ops',
            entityRef: 'resource:platform/prometheus-ops',
          },
        ],
      },
    });
    expect(expectedComponentsFor(platform, 'other')).toEqual([
      PLATFORM_PRESETS['cert-manager'],
    ]);
    const own = expectedComponentsFor(platform, 'k8s-1');
    expect(own.map(c => c.name)).toEqual([
      'sealed-secrets',
      'grafana',
      'prometheus-ops',
    ]);
    expect(own[1]).toMatchObject({
      namespaces: ['observability'],
      selector: PLATFORM_PRESETS.grafana.selector,
      entityRef: 'component:default/grafana',
    });
    expect(own[2]).toMatchObject({
      namespaces: PLATFORM_PRESETS.prometheus.namespaces,
      entityRef: 'resource:platform/prometheus-ops',
    });
    expect(expectedComponentsFor(read().platform, 'k8s-1')).toEqual([]);
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
      excludeNamespaces: ['legacy'],
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
      excludeNamespaces: new Set(['legacy']),
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
    [
      { platform: { prod: ['cert-manager', 'vault'] } },
      /readiness.platform.prod: Platform component "vault" is not a preset \(sealed-secrets, external-secrets, /,
    ],
    [
      { platform: { prod: [{ preset: 'grafanna', name: 'dashboards' }] } },
      /readiness.platform.prod: Platform component "dashboards" names an unknown preset "grafanna"/,
    ],
    [
      { platform: { prod: [{ name: 'grafana', replicas: 2 }] } },
      /readiness.platform.prod\[0\] is invalid: /,
    ],
    [
      { platform: { prod: [{ name: 'grafana', entityRef: 'component:' }] } },
      /readiness.platform.prod: entityRef "component:" is not an entity ref/,
    ],
    [
      { liveRescoring: { enable: false } },
      /readiness.liveRescoring is invalid: Unrecognized key\(s\) in object: 'enable'/,
    ],
    [
      { liveRescoring: { failureThreshold: 0 } },
      /readiness.liveRescoring.failureThreshold is invalid: /,
    ],
  ])('rejects %j', (readiness, message) => {
    expect(() => read(readiness)).toThrow(message);
  });
});
