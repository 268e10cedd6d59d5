import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GatewayConfigError, loadGatewayConfig } from './load';

const minimal = {
  HATCHWAY_GATEWAY_JWKS_URL:
    'http://localhost:7007/api/terminal/.well-known/jwks.json',
  HATCHWAY_GATEWAY_DATABASE_CLIENT: 'pg',
  HATCHWAY_GATEWAY_DATABASE_URL:
    'postgresql://postgres@127.0.0.1:5432/backstage',
  HATCHWAY_GATEWAY_ALLOWED_ORIGINS: 'http://localhost:3000',
};

function writeYaml(text: string) {
  const file = path.join(
    mkdtempSync(path.join(tmpdir(), 'gateway-config-')),
    'gateway.yaml',
  );
  writeFileSync(file, text);
  return file;
}

describe('loadGatewayConfig', () => {
  it('starts from the environment alone with the documented defaults', () => {
    const config = loadGatewayConfig({ env: minimal });
    expect(config.listen).toEqual({ host: '0.0.0.0', port: 7010 });
    expect(config.tickets).toMatchObject({
      issuer: 'hatchway-terminal',
      audience: 'hatchway-gateway',
      clockToleranceSeconds: 5,
    });
    expect(config.allowedPodCidrs).toEqual([
      '10.0.0.0/8',
      '172.16.0.0/12',
      '192.168.0.0/16',
    ]);
    expect(config.upstreamPort).toBe(7681);
    expect(config.maxPayloadBytes).toBe(65536);
  });

  it('reads a YAML file and lets the environment override one value of it', () => {
    const file = writeYaml(`
listen: { port: 8010 }
database: { client: better-sqlite3, connection: { filename: /tmp/x.db } }
tickets: { jwksUrl: "http://backend:7007/api/terminal/.well-known/jwks.json" }
allowedOrigins: [https://portal.example.com]
allowedPodCidrs: [127.0.0.0/8]
idle: { timeoutSeconds: 600 }
`);
    const config = loadGatewayConfig({
      file,
      env: { HATCHWAY_GATEWAY_PORT: '9000' },
    });
    expect(config.listen.port).toBe(9000);
    expect(config.database).toEqual({
      client: 'better-sqlite3',
      connection: { filename: '/tmp/x.db' },
    });
    expect(config.idle).toEqual({ timeoutSeconds: 600, warningSeconds: 60 });
  });

  it('names every bad key in one clear error', () => {
    const load = () =>
      loadGatewayConfig({
        env: {
          ...minimal,
          HATCHWAY_GATEWAY_JWKS_URL: 'not a url',
          HATCHWAY_GATEWAY_ALLOWED_POD_CIDRS: 'everywhere',
        },
      });
    expect(load).toThrow(GatewayConfigError);
    expect(load).toThrow(/tickets\.jwksUrl[\s\S]*allowedPodCidrs\.0/);
  });

  it('refuses "*" as an allowed origin in production', () => {
    expect(() =>
      loadGatewayConfig({
        env: {
          ...minimal,
          HATCHWAY_GATEWAY_ALLOWED_ORIGINS: '*',
          HATCHWAY_GATEWAY_PRODUCTION: 'true',
        },
      }),
    ).toThrow(/"\*" is not allowed in production/);
  });

  it('refuses a number that is not one', () => {
    expect(() =>
      loadGatewayConfig({
        env: { ...minimal, HATCHWAY_GATEWAY_PORT: 'eighty' },
      }),
    ).toThrow(/HATCHWAY_GATEWAY_PORT must be a number/);
  });
});
