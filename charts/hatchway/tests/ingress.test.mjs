// The Ingresses: where browsers reach the portal and the gateway, and what the portal tells them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { byKind, named, render, scenario } from './helpers.mjs';

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
    // ingress-nginx with use-regex: the path is a case-insensitive regex over the request path
    // (without the query), rewrite-target uses its groups.
    const rewrite =
      ingress.metadata.annotations[
        'nginx.ingress.kubernetes.io/rewrite-target'
      ];
    const upstream = requestPath => {
      const m = new RegExp(`^${p.path}`, 'i').exec(requestPath);
      return m && rewrite.replace(/\$(\d)/g, (_, i) => m[Number(i)]);
    };
    const sessionPath = `${new URL(url).pathname}/sessions/0b5e`;
    assert.equal(upstream(sessionPath), '/sessions/0b5e');
    assert.equal(upstream('/terminal-gateway/healthz'), '/healthz');
    assert.equal(upstream('/terminal-gateway/metrics'), null);
    assert.equal(upstream('/terminal-gateway/sessions/0b5e/x'), null);
    assert.equal(upstream('/terminal-gateway/'), null);
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

test('asks cert-manager for each certificate once: one Ingress per host carries the issuer, one Secret per host', () => {
  for (const file of [
    'production-values.yaml',
    'deploy/argocd/values/dev.yaml',
    'deploy/argocd/values/production.yaml',
  ]) {
    const ingresses = byKind(render([file]), 'Ingress');
    const issuerBySecret = new Map();
    for (const ing of ingresses) {
      const issuer =
        ing.metadata.annotations?.['cert-manager.io/cluster-issuer'];
      for (const tls of ing.spec.tls ?? []) {
        if (issuer) {
          assert.ok(
            !issuerBySecret.has(tls.secretName),
            `${file}: two Ingresses ask cert-manager for ${tls.secretName}`,
          );
          issuerBySecret.set(tls.secretName, tls.hosts);
        }
      }
    }
    // Every TLS host is covered by a Secret cert-manager is asked for.
    const hosts = ingresses.flatMap(i => i.spec.rules.map(r => r.host));
    const covered = [...issuerBySecret.values()].flat();
    for (const host of hosts)
      assert.ok(covered.includes(host), `${file}: ${host}`);
  }
});
