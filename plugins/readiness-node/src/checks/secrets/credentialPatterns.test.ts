import { configMap, deployment } from '../../__fixtures__/builders';
import { runCheck } from '../../__fixtures__/runCheck';
import { credentialReason } from './credentialPatterns';

describe('plaintext credential detection', () => {
  it.each([
    ['DB_PASSWORD', 'hunter2'],
    ['db-password', 'hunter2'],
    ['REDIS_PASSWORD', '123456'],
    ['GITHUB_TOKEN', 'ghp_abc123'],
    ['API_BEARER', 'eyJhbGciOi'],
    ['CLIENT_SECRET', 's3cr3t'],
    ['SECRET_KEY_BASE', 'a1b2c3'],
    ['AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI'],
    ['AZURE_STORAGE_KEY', 'Eby8vdM02xNOcqF'],
    ['OCI_CLI_KEY_CONTENT', 'MIIEvQIBADANBg'],
    ['GOOGLE_APPLICATION_CREDENTIALS', '{"type":"service_account"}'],
    ['client-secret.json', '{"secret":"x"}'],
  ])('flags %s set to a literal', (name, value) => {
    expect(credentialReason(name, value)).toBe('credential name');
  });

  it.each([
    ['DB_PASSWORD_FILE', '/run/secrets/db'],
    ['TOKEN_TTL', '3600'],
    ['SECRET_NAME', 'db-credentials'],
    ['OAUTH_TOKEN_URL', 'https://id.example.com/token'],
    ['VAULT_TOKEN_PATH', '/var/run/vault/token'],
    ['SECRETS_MANAGER_REGION', 'eu-west-1'],
    ['PASSWORD_MIN_LENGTH', '12'],
    ['GOOGLE_APPLICATION_CREDENTIALS', '/var/secrets/google/key.json'],
    ['DATABASE_PASSWORD', '$(DB_PASSWORD)'],
    ['TOKEN_REFRESH', 'true'],
    ['ADMIN_PASSWORD', ''],
    ['LOG_LEVEL', 'debug'],
    ['AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE'],
  ])('leaves %s=%j alone', (name, value) => {
    expect(credentialReason(name, value)).toBeUndefined();
  });

  it('flags a PEM private key under any name, but not a certificate', () => {
    const key =
      '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----';
    expect(credentialReason('config', key)).toBe('private key');
    expect(credentialReason('KEY_FILE', key)).toBe('private key');
    expect(
      credentialReason('ca.crt', '-----BEGIN CERTIFICATE-----\nMIIB\n'),
    ).toBeUndefined();
  });

  it('never puts the value in a finding', () => {
    const password = 'correct-horse-battery-staple';
    const findings = [
      ...runCheck('no-credentials-in-env', [
        deployment(
          d =>
            (d.spec.template.spec.containers[0].env = [
              { name: 'DB_PASSWORD', value: password },
            ]),
        ),
      ]),
      ...runCheck('no-credentials-in-configmaps', [
        configMap('app', { password }),
      ]),
    ];
    expect(findings.map(f => f.status)).toEqual(['failed', 'failed']);
    expect(JSON.stringify(findings)).not.toContain(password);
  });
});
