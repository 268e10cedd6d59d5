// Renders the chart with helm for each ci/ values file and checks what an operator relies on:
// hardened pods, no secret values, the gateway with no API access, the ingress and network
// boundaries of the terminals, the digest requirement, and Hatchway's own readiness scan.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import {
  NAMESPACE,
  byKind,
  chartDir,
  cidrContains,
  envOf,
  helm,
  named,
  podTemplates,
  render,
  renderText,
  repoRoot,
  selects,
  tryRender,
  valuesPath,
} from './helpers.mjs';

const METADATA = '169.254.169.254';
const argocdValues = fs
  .readdirSync(path.join(repoRoot, 'deploy/argocd/values'))
  .map(f => `deploy/argocd/values/${f}`);
// Every values set the chart is shipped with: the chart's ci/ files and each Argo CD environment.
const valueSets = [
  ...fs.readdirSync(path.join(chartDir, 'ci')),
  ...argocdValues,
].map(file => ({ file, docs: render([file]) }));

test('helm lint passes for every ci and Argo CD values file', () => {
  for (const { file } of valueSets) {
    const res = spawnSync(helm, ['lint', chartDir, '-f', valuesPath(file)], {
      encoding: 'utf8',
    });
    assert.equal(res.status, 0, `${file}: ${res.stdout}${res.stderr}`);
  }
});

describe('every pod of every values set', () => {
  for (const { file, docs } of valueSets) {
    const pods = podTemplates(docs);
    test(`${file}: portal and gateway run non-root, read-only, without capabilities or a token automount`, () => {
      assert.deepEqual(pods.map(p => p.name).sort(), [
        'Deployment/rel-hatchway',
        'Deployment/rel-hatchway-gateway',
      ]);
      for (const { name, spec } of pods) {
        assert.equal(spec.securityContext.runAsNonRoot, true, name);
        assert.equal(
          spec.securityContext.seccompProfile.type,
          'RuntimeDefault',
          name,
        );
        assert.equal(spec.automountServiceAccountToken, false, name);
        assert.ok(!spec.hostNetwork && !spec.hostPID && !spec.hostIPC, name);
        for (const c of spec.containers) {
          const where = `${name} ${c.name}`;
          assert.equal(
            c.securityContext.allowPrivilegeEscalation,
            false,
            where,
          );
          assert.equal(c.securityContext.readOnlyRootFilesystem, true, where);
          assert.deepEqual(c.securityContext.capabilities.drop, ['ALL'], where);
          assert.ok(!c.securityContext.privileged, where);
          assert.ok(
            c.resources.requests.cpu && c.resources.limits.memory,
            where,
          );
          assert.ok(c.readinessProbe && c.livenessProbe, where);
        }
      }
    });

    test(`${file}: no Secret object, and no secret value in a ConfigMap or env value`, () => {
      assert.deepEqual(byKind(docs, 'Secret'), []);
      const text = JSON.stringify([
        ...byKind(docs, 'ConfigMap'),
        ...pods.flatMap(p => p.spec.containers.flatMap(c => c.env)),
      ]);
      assert.doesNotMatch(text, /BEGIN [A-Z ]*PRIVATE KEY/);
      assert.doesNotMatch(text, /postgres(ql)?:\/\/[^@/"]*:[^@/"]*@/);
      for (const pod of pods) {
        for (const c of pod.spec.containers) {
          for (const e of c.env) {
            if (/PASSWORD|SECRET|TOKEN/.test(e.name)) {
              assert.ok(e.valueFrom?.secretKeyRef, `${pod.name} ${e.name}`);
            }
          }
        }
      }
    });

    test(`${file}: no RoleBinding or ClusterRoleBinding names the gateway's ServiceAccount`, () => {
      const [gatewayPod] = pods.filter(p => p.name.endsWith('-gateway'));
      const account = gatewayPod.spec.serviceAccountName;
      assert.notEqual(account, podTemplates(docs)[0].spec.serviceAccountName);
      const bindings = [
        ...byKind(docs, 'RoleBinding'),
        ...byKind(docs, 'ClusterRoleBinding'),
      ];
      for (const b of bindings) {
        for (const s of b.subjects ?? []) {
          assert.ok(
            !(s.kind === 'ServiceAccount' && s.name === account),
            `${b.kind} ${b.metadata.name} binds ${account}`,
          );
        }
      }
      assert.equal(
        named(docs, 'ServiceAccount', account).automountServiceAccountToken,
        false,
      );
    });

    test(`${file}: every egress ipBlock that contains ${METADATA} excepts it`, () => {
      const blocks = byKind(docs, 'NetworkPolicy').flatMap(p =>
        (p.spec.egress ?? []).flatMap(r =>
          (r.to ?? []).map(t => t.ipBlock).filter(Boolean),
        ),
      );
      assert.ok(blocks.length > 0);
      for (const block of blocks) {
        if (cidrContains(block.cidr, METADATA)) {
          assert.ok(
            (block.except ?? []).some(e => cidrContains(e, METADATA)),
            `${block.cidr} reaches ${METADATA}`,
          );
        }
      }
    });

    test(`${file}: the Ingresses name their class, never the deprecated annotation, and keep WebSockets open an hour or more`, () => {
      const ingresses = byKind(docs, 'Ingress');
      assert.equal(ingresses.length, 2);
      for (const ing of ingresses) {
        assert.ok(ing.spec.ingressClassName);
        assert.equal(
          ing.metadata.annotations?.['kubernetes.io/ingress.class'],
          undefined,
        );
      }
      const gateway = named(docs, 'Ingress', 'rel-hatchway-gateway');
      for (const key of ['proxy-read-timeout', 'proxy-send-timeout']) {
        const value =
          gateway.metadata.annotations[`nginx.ingress.kubernetes.io/${key}`];
        assert.ok(Number(value) >= 3600, `${key}: ${value}`);
      }
    });
  }
});

describe('dev values', () => {
  const docs = render(['dev-values.yaml']);
  const portal = named(docs, 'Deployment', 'rel-hatchway');
  const gateway = named(docs, 'Deployment', 'rel-hatchway-gateway');
  const portalEnv = envOf(portal.spec.template.spec.containers[0]);
  const gatewayEnv = envOf(gateway.spec.template.spec.containers[0]);

  test('takes the database password from the same Secret for the portal and the gateway', () => {
    const ref = { name: 'hatchway-postgres', key: 'password' };
    assert.deepEqual(portalEnv.POSTGRES_PASSWORD.valueFrom.secretKeyRef, ref);
    assert.deepEqual(gatewayEnv.PGPASSWORD.valueFrom.secretKeyRef, ref);
    assert.equal(
      gatewayEnv.HATCHWAY_GATEWAY_DATABASE_URL.value,
      'postgresql://backstage@postgres:5432/backstage_plugin_terminal',
    );
  });

  test('points the gateway at the portal Service’s JWKS and admits only the portal’s origin', () => {
    const service = named(docs, 'Service', 'rel-hatchway');
    assert.equal(
      gatewayEnv.HATCHWAY_GATEWAY_JWKS_URL.value,
      `http://rel-hatchway.${NAMESPACE}.svc:${service.spec.ports[0].port}/api/terminal/.well-known/jwks.json`,
    );
    assert.ok(
      selects(
        { matchLabels: service.spec.selector },
        portal.spec.template.metadata.labels,
      ),
    );
    assert.ok(
      !selects(
        { matchLabels: service.spec.selector },
        gateway.spec.template.metadata.labels,
      ),
      'the portal Service must not send traffic to gateway pods',
    );
    assert.equal(
      gatewayEnv.HATCHWAY_GATEWAY_ALLOWED_ORIGINS.value,
      'http://hatchway.dev.example.com',
    );
    assert.equal(gatewayEnv.HATCHWAY_GATEWAY_PRODUCTION.value, 'true');
    assert.equal(
      gatewayEnv.HATCHWAY_GATEWAY_ALLOWED_POD_CIDRS.value,
      '10.0.0.0/8',
    );
  });

  test('gives the gateway its own token-less ServiceAccount, probes and a grace period beyond the drain', () => {
    const spec = gateway.spec.template.spec;
    assert.equal(spec.serviceAccountName, 'rel-hatchway-gateway');
    const [c] = spec.containers;
    assert.equal(c.livenessProbe.httpGet.path, '/healthz');
    assert.equal(c.readinessProbe.httpGet.path, '/readyz');
    const drain = Number(gatewayEnv.HATCHWAY_GATEWAY_DRAIN_SECONDS.value);
    assert.ok(spec.terminationGracePeriodSeconds > drain);
  });

  test('scales the gateway on CPU from two replicas and keeps one through disruptions', () => {
    const hpa = named(docs, 'HorizontalPodAutoscaler', 'rel-hatchway-gateway');
    assert.equal(hpa.apiVersion, 'autoscaling/v2');
    assert.equal(hpa.spec.scaleTargetRef.name, 'rel-hatchway-gateway');
    assert.ok(hpa.spec.minReplicas >= 2);
    assert.equal(hpa.spec.metrics[0].resource.name, 'cpu');
    assert.equal(gateway.spec.replicas, undefined, 'the HPA owns replicas');
    const pdb = named(docs, 'PodDisruptionBudget', 'rel-hatchway-gateway');
    assert.ok(
      selects(pdb.spec.selector, gateway.spec.template.metadata.labels),
    );
    assert.equal(portal.spec.replicas, 2);
    assert.equal(
      named(docs, 'PodDisruptionBudget', 'rel-hatchway').spec.minAvailable,
      1,
    );
  });

  test('publishes a gateway URL the gateway Ingress routes to /sessions/<id>, and never exposes /metrics', () => {
    const url = portalEnv.TERMINAL_GATEWAY_URL.value;
    assert.equal(url, 'ws://hatchway.dev.example.com/terminal-gateway');
    const config = parseYaml(
      named(docs, 'ConfigMap', 'rel-hatchway-app-config').data[
        'app-config.chart.yaml'
      ],
    );
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

  test('mounts the ticket signing key as a file from its Secret', () => {
    const spec = portal.spec.template.spec;
    const file = portalEnv.TERMINAL_SIGNING_KEY_FILE.value;
    const volume = spec.volumes.find(v => v.secret);
    assert.equal(volume.secret.secretName, 'hatchway-terminal-signing-key');
    const mount = spec.containers[0].volumeMounts.find(
      m => m.name === volume.name,
    );
    assert.equal(
      path.posix.join(mount.mountPath, volume.secret.items[0].path),
      file,
    );
    assert.equal(portalEnv.TERMINAL_SIGNING_KEY_ID.value, 'hatchway-1');
    assert.deepEqual(portalEnv.AUTH_OIDC_CLIENT_SECRET.valueFrom.secretKeyRef, {
      name: 'hatchway-oidc',
      key: 'client-secret',
    });
  });

  test('creates the runner namespace with restricted Pod Security and default-deny', () => {
    const ns = named(docs, 'Namespace', 'hatchway-runners');
    assert.equal(
      ns.metadata.labels['pod-security.kubernetes.io/enforce'],
      'restricted',
    );
    const deny = named(docs, 'NetworkPolicy', 'default-deny');
    assert.equal(deny.metadata.namespace, 'hatchway-runners');
    assert.deepEqual(deny.spec.podSelector, {});
    assert.deepEqual(deny.spec.policyTypes, ['Ingress', 'Egress']);
    assert.equal(deny.spec.ingress, undefined);
    assert.equal(deny.spec.egress, undefined);
  });

  test('lets only gateway pods reach runners, only on 7681', () => {
    const runnerLabels = { 'app.kubernetes.io/name': 'hatchway-runner' };
    const ingressRules = byKind(docs, 'NetworkPolicy')
      .filter(
        p =>
          p.metadata.namespace === 'hatchway-runners' &&
          selects(p.spec.podSelector, runnerLabels),
      )
      .flatMap(p => p.spec.ingress ?? []);
    assert.equal(ingressRules.length, 1);
    const [rule] = ingressRules;
    assert.deepEqual(rule.ports, [{ port: 7681, protocol: 'TCP' }]);
    for (const peer of rule.from) {
      assert.deepEqual(peer.namespaceSelector.matchLabels, {
        'kubernetes.io/metadata.name': NAMESPACE,
      });
      assert.ok(
        selects(peer.podSelector, gateway.spec.template.metadata.labels),
      );
      assert.ok(
        !selects(peer.podSelector, portal.spec.template.metadata.labels),
      );
    }
    // The gateway's own policy lets it dial exactly there.
    const gatewayPolicy = named(docs, 'NetworkPolicy', 'rel-hatchway-gateway');
    assert.ok(
      gatewayPolicy.spec.egress.some(
        r =>
          r.ports?.some(p => p.port === 7681) &&
          r.to.some(
            t =>
              t.namespaceSelector?.matchLabels[
                'kubernetes.io/metadata.name'
              ] === 'hatchway-runners' && selects(t.podSelector, runnerLabels),
          ),
      ),
    );
  });

  test('caps what sessions can take in the runner namespace', () => {
    const quota = named(docs, 'ResourceQuota', 'runners');
    assert.equal(quota.metadata.namespace, 'hatchway-runners');
    assert.equal(quota.spec.hard.pods, '60');
    const config = parseYaml(
      named(docs, 'ConfigMap', 'rel-hatchway-app-config').data[
        'app-config.chart.yaml'
      ],
    );
    // Room for every session the portal admits plus its warm pool.
    assert.ok(
      Number(quota.spec.hard.pods) >=
        config.terminal.limits.global + config.terminal.profiles.shell.warmPool,
    );
  });

  test('runner egress is DNS plus terminal.runnerEgress only', () => {
    const egress = named(docs, 'NetworkPolicy', 'runner-egress').spec.egress;
    assert.equal(egress.length, 2);
    assert.deepEqual(
      egress[0].ports.map(p => p.port),
      [53, 53],
    );
    assert.deepEqual(egress[1], {
      to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }],
      ports: [{ port: 443, protocol: 'TCP' }],
    });
  });

  test('admits the gateway and the ingress controller to the portal, and the gateway only from the ingress controller', () => {
    const portalPolicy = named(docs, 'NetworkPolicy', 'rel-hatchway');
    const peers = portalPolicy.spec.ingress.flatMap(r => r.from);
    assert.ok(
      peers.some(p =>
        selects(p.podSelector, gateway.spec.template.metadata.labels),
      ),
    );
    const gatewayPolicy = named(docs, 'NetworkPolicy', 'rel-hatchway-gateway');
    assert.deepEqual(gatewayPolicy.spec.ingress[0].from, [
      {
        namespaceSelector: {
          matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' },
        },
      },
    ]);
    assert.equal(gatewayPolicy.spec.ingress.length, 1);
  });

  test('renders no ExternalSecret unless asked', () => {
    assert.equal(byKind(docs, 'ExternalSecret').length, 0);
  });
});

describe('production values', () => {
  const docs = render(['production-values.yaml']);
  const portal = named(docs, 'Deployment', 'rel-hatchway');
  const gateway = named(docs, 'Deployment', 'rel-hatchway-gateway');
  const portalEnv = envOf(portal.spec.template.spec.containers[0]);
  const config = parseYaml(
    named(docs, 'ConfigMap', 'rel-hatchway-app-config').data[
      'app-config.chart.yaml'
    ],
  );

  test('pins the portal, gateway and runner images by digest', () => {
    const digest = /:0\.1\.0@sha256:[a-f0-9]{64}$/;
    assert.match(portal.spec.template.spec.containers[0].image, digest);
    assert.match(gateway.spec.template.spec.containers[0].image, digest);
    assert.match(
      config.terminal.profiles.shell.image,
      /hatchway-runner:0\.1\.0@sha256:1f2e/,
    );
    assert.deepEqual(config.terminal.profiles.shell.command, ['bash', '-l']);
    assert.equal(config.terminal.runnerNamespace, 'hatchway-runners');
  });

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

  test('creates every Secret the pods read through an ExternalSecret', () => {
    const externalSecrets = byKind(docs, 'ExternalSecret');
    assert.equal(externalSecrets.length, 3);
    for (const es of externalSecrets) {
      assert.equal(es.apiVersion, 'external-secrets.io/v1beta1');
      assert.deepEqual(es.spec.secretStoreRef, {
        name: 'vault',
        kind: 'ClusterSecretStore',
      });
      assert.equal(es.spec.refreshInterval, '1h');
      for (const d of es.spec.data) assert.ok(d.remoteRef.key);
    }
    const provided = new Set(
      externalSecrets.flatMap(es =>
        es.spec.data.map(d => `${es.spec.target.name}/${d.secretKey}`),
      ),
    );
    for (const { spec } of podTemplates(docs)) {
      for (const c of spec.containers) {
        for (const e of c.env.filter(e => e.valueFrom?.secretKeyRef)) {
          const ref = e.valueFrom.secretKeyRef;
          assert.ok(
            provided.has(`${ref.name}/${ref.key}`),
            `${ref.name}/${ref.key}`,
          );
        }
      }
      for (const v of spec.volumes ?? []) {
        for (const item of v.secret?.items ?? []) {
          assert.ok(provided.has(`${v.secret.secretName}/${item.key}`));
        }
      }
    }
  });

  test('signs in with OIDC and reads the organisation from the mounted ConfigMap', () => {
    assert.equal(portalEnv.AUTH_OIDC_CLIENT_ID.value, 'hatchway-portal');
    assert.equal(portalEnv.AUTH_OIDC_EMAIL_DOMAIN.value, 'example.com');
    assert.deepEqual(portalEnv.AUTH_SESSION_SECRET.valueFrom.secretKeyRef, {
      name: 'hatchway-oidc',
      key: 'session-secret',
    });
    const spec = portal.spec.template.spec;
    const volume = spec.volumes.find(v => v.configMap?.name === 'hatchway-org');
    const mount = spec.containers[0].volumeMounts.find(
      m => m.name === volume.name,
    );
    assert.equal(portalEnv.HATCHWAY_ORG_LOCATION_TYPE.value, 'file');
    assert.equal(
      portalEnv.HATCHWAY_ORG_LOCATION.value,
      path.posix.join(mount.mountPath, volume.configMap.items[0].path),
    );
  });

  test('layers the extra app-config', () => {
    assert.ok(
      portal.spec.template.spec.containers[0].args.includes(
        '/config/app-config.extra.yaml',
      ),
    );
    assert.deepEqual(config.hatchway.permission.adminGroups, [
      'group:default/platform',
    ]);
  });
});

describe('digest requirement', () => {
  for (const [key, name] of [
    ['image.digest', 'image'],
    ['gateway.image.digest', 'gateway.image'],
    ['terminal.runnerImage.digest', 'terminal.runnerImage'],
  ]) {
    test(`fails naming ${key} when it is missing`, () => {
      const res = tryRender(['production-values.yaml'], ['--set', `${key}=`]);
      assert.notEqual(res.status, 0);
      assert.match(
        res.stderr,
        new RegExp(
          `global\\.requireDigests is set but ${name.replace(
            '.',
            '\\.',
          )} has no digest: set ${key.replace(/\./g, '\\.')}`,
        ),
      );
    });
  }
  test('renders tags only when digests are not required', () => {
    const docs = render(['dev-values.yaml']);
    assert.equal(
      named(docs, 'Deployment', 'rel-hatchway-gateway').spec.template.spec
        .containers[0].image,
      'ghcr.io/hatchway-dev/hatchway-gateway:0.1.0',
    );
  });
});

describe('schema and guards', () => {
  test('rejects values the schema does not know, naming the key', () => {
    const res = tryRender([], ['--set', 'replicas=3']);
    assert.notEqual(res.status, 0);
    assert.match(res.stderr, /replicas/);
  });
  test('rejects a digest that is not sha256:<64 hex>', () => {
    const res = tryRender([], ['--set', 'gateway.image.digest=sha256:abc']);
    assert.notEqual(res.status, 0);
    assert.match(res.stderr, /digest/);
  });
  test('refuses runner egress to the metadata address itself', () => {
    const res = tryRender(
      [],
      [
        '--set-json',
        'terminal.runnerEgress=[{"cidr":"169.254.169.254/32","ports":[80]}]',
      ],
    );
    assert.notEqual(res.status, 0);
    assert.match(res.stderr, /cloud metadata endpoint/);
  });
  test('leaves the runner namespace and its policies to someone else when create is false', () => {
    const docs = render([], ['--set', 'terminal.runnerNamespace.create=false']);
    assert.equal(byKind(docs, 'Namespace').length, 0);
    assert.ok(
      !byKind(docs, 'NetworkPolicy').some(
        p => p.metadata.namespace === 'hatchway-runners',
      ),
    );
  });
  test('drops the vCluster host cluster config when vClusters are disabled', () => {
    const config = docs =>
      parseYaml(
        named(docs, 'ConfigMap', 'rel-hatchway-app-config').data[
          'app-config.chart.yaml'
        ],
      );
    assert.equal(
      config(render([])).vcluster.hostClusters[0].kubeconfigServer,
      'https://{name}.{namespace}.svc:443',
    );
    assert.equal(
      config(render([], ['--set', 'vcluster.enabled=false'])).vcluster,
      undefined,
    );
  });
  test('renders with the gateway off: no gateway objects and no dangling references', () => {
    const text = renderText([], ['--set', 'gateway.enabled=false']);
    assert.doesNotMatch(text, /rel-hatchway-gateway/);
  });
});

// Hatchway's own readiness CLI over the rendered chart, as CI would run it on a release.
const readinessCli = path.resolve(
  repoRoot,
  'plugins/readiness-node/bin/hatchway-readiness',
);

function scan(valuesFiles, cliArgs) {
  const res = spawnSync(
    readinessCli,
    ['scan', '-', '--format', 'json', ...cliArgs],
    {
      input: renderText(valuesFiles),
      encoding: 'utf8',
    },
  );
  return { res, result: res.stdout ? JSON.parse(res.stdout) : undefined };
}

for (const file of [
  'production-values.yaml',
  'deploy/argocd/values/production.yaml',
]) {
  test(`${file}: every rendered object passes the production profile (score 100, no danger finding)`, () => {
    const { res, result } = scan(
      [file],
      ['--profile', 'production', '--fail-on', 'warning'],
    );
    assert.equal(res.status, 0, res.stdout + res.stderr);
    assert.equal(result.score.score, 100);
    assert.equal(result.score.level, 'gold');
    assert.deepEqual(
      result.findings.filter(f => f.status === 'failed'),
      [],
    );
    // The scan saw the whole suite, not an empty input.
    const kinds = new Set(result.findings.map(f => f.resource.kind));
    for (const kind of ['Deployment', 'Namespace', 'Ingress']) {
      assert.ok(kinds.has(kind), `no finding on any ${kind}`);
    }
  });
}

test('the workloads have no failed readiness finding with dev values', () => {
  const { result } = scan(['dev-values.yaml'], []);
  const failedOnWorkload = result.findings.filter(
    f =>
      f.status === 'failed' &&
      f.resource.kind !== 'Namespace' &&
      f.resource.kind !== 'Ingress',
  );
  assert.deepEqual(failedOnWorkload, []);
  // The release namespace's default-deny is left to its owner by default, and reported.
  assert.ok(
    result.findings.some(
      f =>
        f.status === 'failed' &&
        f.checkId === 'default-deny-ingress' &&
        f.resource.name === NAMESPACE,
    ),
  );
});

test('the install notes say how to verify the rollout, reach the gateway and open the portal', () => {
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
    ],
    { encoding: 'utf8' },
  );
  assert.equal(res.status, 0, res.stderr);
  const notes = res.stdout.slice(res.stdout.indexOf('NOTES:'));
  assert.match(
    notes,
    /kubectl -n portal rollout status deployment\/rel-hatchway\n/,
  );
  assert.match(
    notes,
    /kubectl -n portal rollout status deployment\/rel-hatchway-gateway\n/,
  );
  assert.match(notes, /curl -fsS https:\/\/terminal\.example\.com\/healthz/);
  assert.match(notes, /Open the portal: https:\/\/portal\.example\.com\n/);
  assert.doesNotMatch(notes, /sha256:|BEGIN/);
});
