// The Ingresses: where browsers reach the portal and the gateway, and what the portal tells them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { named, scenario } from './helpers.mjs';

describe('dev values: the gateway on a path of the portal host', () => {
  const { docs, gateway, portalEnv, config } = scenario('dev-values.yaml');

  test('publishes a gateway URL the gateway Ingress routes to /sessions/<id>, and never exposes /metrics', () => {
    const url = portalEnv.TERMINAL_GATEWAY_URL.value;
    assert.equal(url, 'ws://hatchway.dev.example.com/terminal-gateway');
    assert.equal(config.terminal.gateway.url, url);
    const ingress = named(docs, 'Ingress', 'rel-hatchway-gateway');
    const [rule] = ingress.spec.rules;
    assert.equal(rule.host, new URL(url).host);
    const [p] = rule.http.paths;
    assert.equal(p.backend.service.name, 'rel-hatchway-gateway');
    // ingress-nginx with use-regex: the path is a regex, rewrite-target uses its groups.
    const rewrite =
      ingress.metadata.annotations[
        'nginx.ingress.kubernetes.io/rewrite-target'
      ];
    const upstream = requestPath => {
      const m = new RegExp(`^${p.path}`).exec(requestPath);
      return m && rewrite.replace(/\$(\d)/g, (_, i) => m[Number(i)]);
    };
    const sessionPath = `${new URL(url).pathname}/sessions/0b5e`;
    assert.equal(upstream(sessionPath), '/sessions/0b5e');
    assert.equal(upstream('/terminal-gateway/healthz'), '/healthz');
    assert.equal(upstream('/terminal-gateway/metrics'), null);
    assert.equal(upstream('/terminal-gateway/sessions/0b5e?ticket=x'), null);
  });
});

describe('production values: the gateway on its own host', () => {
  const { docs, gateway, portalEnv } = scenario('production-values.yaml');

  test('serves the gateway on its own host with the configured timeouts', () => {
    assert.equal(
      portalEnv.TERMINAL_GATEWAY_URL.value,
      'wss://terminal.example.com',
    );
    const ingress = named(docs, 'Ingress', 'rel-hatchway-gateway');
    assert.equal(ingress.spec.rules[0].host, 'terminal.example.com');
    assert.deepEqual(ingress.spec.tls[0].hosts, ['terminal.example.com']);
    assert.deepEqual(
      ingress.spec.rules[0].http.paths.map(p => p.path),
      ['/sessions/', '/healthz', '/readyz'],
    );
    assert.equal(
      ingress.metadata.annotations[
        'nginx.ingress.kubernetes.io/proxy-read-timeout'
      ],
      '14400',
    );
  });
});
