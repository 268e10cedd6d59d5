// auth.provider: the portal's own OIDC sign-in (default) or oauth2-proxy in front of the portal.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import {
  NAMESPACE,
  OAUTH2_PROXY_ARGS,
  byKind,
  chartDir,
  envOf,
  helm,
  named,
  render,
  renderText,
  repoRoot,
  tryRender,
  valuesPath,
} from './helpers.mjs';

/** The app-config files the portal container loads, in order, as repository paths. */
function imageConfigFiles(portal) {
  const args = portal.spec.template.spec.containers[0].args;
  return args
    .filter((_, i) => args[i - 1] === '--config')
    .filter(f => !f.startsWith('/config/'));
}

/** What the image's config files say about sign-in, merged as Backstage merges them. */
function signInConfig(portal) {
  let providers = {};
  let signIn;
  for (const file of imageConfigFiles(portal)) {
    const doc = parseYaml(fs.readFileSync(path.join(repoRoot, file), 'utf8'));
    providers = { ...providers, ...doc.auth?.providers };
    signIn = doc.hatchway?.signIn ?? signIn;
  }
  return { providers, signIn };
}

function portalObjects(extraArgs) {
  const docs = render(['production-values.yaml'], extraArgs);
  return {
    docs,
    portal: named(docs, 'Deployment', 'rel-hatchway'),
    ingress: named(docs, 'Ingress', 'rel-hatchway'),
    policy: named(docs, 'NetworkPolicy', 'rel-hatchway'),
  };
}

describe('auth.provider oidc (the default)', () => {
  const { docs, portal, ingress, policy } = portalObjects([]);

  test('the portal runs the OIDC flow itself, with the client from the OIDC Secret', () => {
    assert.deepEqual(imageConfigFiles(portal), [
      'app-config.yaml',
      'app-config.production.yaml',
    ]);
    const { providers, signIn } = signInConfig(portal);
    assert.ok(providers.oidc.production.metadataUrl);
    assert.equal(providers.oauth2Proxy, undefined);
    assert.deepEqual(signIn.providers, ['oidc']);
    const env = envOf(portal.spec.template.spec.containers[0]);
    assert.equal(
      env.AUTH_OIDC_METADATA_URL.value,
      'https://sso.example.com/.well-known/openid-configuration',
    );
    assert.equal(
      env.AUTH_OIDC_CLIENT_SECRET.valueFrom.secretKeyRef.name,
      'hatchway-oidc',
    );
    assert.ok(named(docs, 'ExternalSecret', 'hatchway-oidc'));
  });

  test('the Ingress routes the portal host to the portal, which admits the ingress controller', () => {
    const [rule] = ingress.spec.rules;
    assert.deepEqual(rule.http.paths[0].backend.service, {
      name: 'rel-hatchway',
      port: { name: 'http' },
    });
    assert.deepEqual(policy.spec.ingress[0].from, [
      {
        namespaceSelector: {
          matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' },
        },
      },
    ]);
  });
});

describe('auth.provider oauth2Proxy', () => {
  const { docs, portal, ingress, policy } = portalObjects(OAUTH2_PROXY_ARGS);

  test('layers app-config.oauth2-proxy.yaml last: the oauth2Proxy provider, no OIDC, no guest', () => {
    assert.deepEqual(imageConfigFiles(portal), [
      'app-config.yaml',
      'app-config.production.yaml',
      'app-config.oauth2-proxy.yaml',
    ]);
    const { providers, signIn } = signInConfig(portal);
    assert.equal(providers.oidc, null);
    assert.equal(providers.guest, null);
    assert.deepEqual(
      providers.oauth2Proxy.signIn.resolvers.map(r => r.resolver),
      [
        'emailMatchingUserEntityProfileEmail',
        'forwardedUserMatchingUserEntityName',
      ],
    );
    assert.deepEqual(signIn.providers, ['oauth2Proxy']);
  });

  test('needs no OIDC client: no AUTH_OIDC_* or session secret, no OIDC ExternalSecret', () => {
    const env = envOf(portal.spec.template.spec.containers[0]);
    assert.deepEqual(
      Object.keys(env).filter(k => /^AUTH_/.test(k)),
      [],
    );
    assert.equal(named(docs, 'ExternalSecret', 'hatchway-oidc'), undefined);
    // The other Secrets still come from the store.
    assert.ok(named(docs, 'ExternalSecret', 'hatchway-postgres'));
  });

  test('the Ingress sends the portal host to oauth2-proxy; the gateway keeps its own Ingress', () => {
    const [rule] = ingress.spec.rules;
    assert.deepEqual(rule.http.paths, [
      {
        path: '/',
        pathType: 'Prefix',
        backend: { service: { name: 'oauth2-proxy', port: { number: 4180 } } },
      },
    ]);
    const gatewayIngress = named(docs, 'Ingress', 'rel-hatchway-gateway');
    assert.equal(
      gatewayIngress.spec.rules[0].http.paths[0].backend.service.name,
      'rel-hatchway-gateway',
    );
  });

  test('only oauth2-proxy (and the gateway) may reach the portal, not the ingress controller', () => {
    const sources = policy.spec.ingress.map(rule => rule.from);
    assert.deepEqual(sources, [
      [
        {
          namespaceSelector: {
            matchLabels: { 'kubernetes.io/metadata.name': 'oauth2-proxy' },
          },
        },
      ],
      [
        {
          podSelector: {
            matchLabels: {
              'app.kubernetes.io/name': 'hatchway-gateway',
              'app.kubernetes.io/instance': 'rel',
            },
          },
        },
      ],
    ]);
  });

  test('the install notes say oauth2-proxy must sit in front of the portal, and how to run it', () => {
    const res = spawnSync(
      helm,
      [
        'install',
        'rel',
        chartDir,
        '--dry-run=client',
        '--namespace',
        NAMESPACE,
        '-f',
        valuesPath('production-values.yaml'),
        ...OAUTH2_PROXY_ARGS,
      ],
      { encoding: 'utf8' },
    );
    assert.equal(res.status, 0, res.stderr);
    const notes = res.stdout.slice(res.stdout.indexOf('NOTES:'));
    assert.match(notes, /to service oauth2-proxy:4180/);
    assert.match(notes, /--upstream=http:\/\/rel-hatchway\.portal\.svc:80/);
    assert.match(notes, /--pass-user-headers/);
    assert.doesNotMatch(notes, /hatchway-oidc/);
  });

  test('every rendered object still passes the production readiness profile', () => {
    const res = spawnSync(
      path.join(repoRoot, 'plugins/readiness-node/bin/hatchway-readiness'),
      ['scan', '-', '--format', 'json', '--profile', 'production'],
      {
        input: renderText(['production-values.yaml'], OAUTH2_PROXY_ARGS),
        encoding: 'utf8',
      },
    );
    assert.equal(res.status, 0, res.stdout + res.stderr);
    const result = JSON.parse(res.stdout);
    assert.equal(result.score.score, 100);
    assert.deepEqual(
      result.findings.filter(f => f.status === 'failed'),
      [],
    );
    assert.equal(byKind(docs, 'Ingress').length, 2);
  });
});

describe('auth values the chart refuses', () => {
  test('an unknown provider, naming the key and the choices', () => {
    const res = tryRender([], ['--set', 'auth.provider=saml']);
    assert.notEqual(res.status, 0);
    assert.match(res.stderr, /auth\/provider.*oidc.*oauth2Proxy/);
  });

  test('oauth2Proxy without the oauth2-proxy Service', () => {
    const res = tryRender([], ['--set', 'auth.provider=oauth2Proxy']);
    assert.notEqual(res.status, 0);
    assert.match(res.stderr, /auth\/oauth2Proxy\/serviceName/);
  });

  test('oauth2Proxy with NetworkPolicies but no oauth2-proxy pods to admit', () => {
    const res = tryRender(
      [],
      [
        '--set',
        'auth.provider=oauth2Proxy',
        '--set',
        'auth.oauth2Proxy.serviceName=oauth2-proxy',
      ],
    );
    assert.notEqual(res.status, 0);
    assert.match(res.stderr, /set auth\.oauth2Proxy\.from/);
  });
});
