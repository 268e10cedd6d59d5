import { NOW } from '../__fixtures__/builders';
import { evaluate } from './evaluate';
import { redactConfigMap } from './redact';

const KEY = `-----BEGIN RSA PRIVATE KEY-----
MIIEowIBAAKCAQEAhunter2hunter2
-----END RSA PRIVATE KEY-----`;

const configMap = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name: 'app',
    namespace: 'shop',
    labels: { app: 'shop' },
    annotations: {
      'hatchway.dev/readiness-exempt': 'image-tag',
      'kubectl.kubernetes.io/last-applied-configuration':
        '{"data":{"password":"hunter2"}}',
    },
  },
  data: {
    password: 'hunter2',
    'tls.pem': KEY,
    PASSWORD_FILE: '/etc/secret/password',
    LOG_LEVEL: 'debug',
    API_TOKEN: 'true',
  },
  binaryData: { blob: 'aHVudGVyMg==' },
};

describe('redactConfigMap', () => {
  it('keeps no value of a ConfigMap, its last-applied copy or its binary data', () => {
    const redacted = redactConfigMap(configMap);
    const text = JSON.stringify(redacted);
    for (const value of ['hunter2', 'MIIE', '/etc/secret', 'debug', 'aHVu'])
      expect(text).not.toContain(value);
    expect(Object.keys(redacted.data as object)).toEqual(
      Object.keys(configMap.data),
    );
    expect(redacted.metadata).toEqual({
      name: 'app',
      namespace: 'shop',
      labels: { app: 'shop' },
      annotations: { 'hatchway.dev/readiness-exempt': 'image-tag' },
    });
    // The caller's object is left alone.
    expect(configMap.data.password).toBe('hunter2');
  });

  it('gets the same findings as the ConfigMap it stands for', () => {
    const cases = [
      configMap,
      { ...configMap, data: { LOG_LEVEL: 'debug' } },
      { ...configMap, data: {} },
      { ...configMap, data: undefined },
    ];
    for (const object of cases) {
      const plain = evaluate([object], { now: NOW }).findings;
      const redacted = evaluate([redactConfigMap(object)], {
        now: NOW,
      }).findings;
      expect(redacted).toEqual(plain);
    }
    const [finding] = evaluate([redactConfigMap(configMap)], {
      now: NOW,
    }).findings;
    expect(finding).toMatchObject({
      checkId: 'no-credentials-in-configmaps',
      status: 'failed',
      severity: 'danger',
      fieldPaths: ['data.password', "data['tls.pem']"],
    });
    expect(JSON.stringify(finding)).not.toContain('hunter2');
  });

  it('returns other objects as they are', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } };
    expect(redactConfigMap(pod)).toBe(pod);
  });
});
