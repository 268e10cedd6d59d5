// Renders the chart with helm (from the tool folder) for each ci/ values file and checks what an
// operator relies on: hardened pods, no secret values, least-privilege RBAC, the metadata block.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const chartDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
);
const helm =
  process.env.HELM ?? path.resolve(chartDir, '../../.tools/bin/helm');

function render(valuesFile, extraArgs = []) {
  const args = ['template', 'rel', chartDir, '--namespace', 'portal'];
  if (valuesFile) args.push('-f', path.join(chartDir, 'ci', valuesFile));
  const out = execFileSync(helm, [...args, ...extraArgs], { encoding: 'utf8' });
  return parseAllDocuments(out)
    .map(d => d.toJSON())
    .filter(Boolean);
}
const byKind = (docs, kind) => docs.filter(d => d.kind === kind);

test('helm lint passes for every ci values file', () => {
  for (const file of fs.readdirSync(path.join(chartDir, 'ci'))) {
    const res = spawnSync(
      helm,
      ['lint', chartDir, '-f', path.join(chartDir, 'ci', file)],
      { encoding: 'utf8' },
    );
    assert.equal(res.status, 0, `${file}: ${res.stdout}${res.stderr}`);
  }
});

describe('default values', () => {
  const docs = render('default-values.yaml');
  const [deployment] = byKind(docs, 'Deployment');
  const pod = deployment.spec.template.spec;
  const [container] = pod.containers;

  test('runs the portal non-root with a read-only root filesystem and no capabilities', () => {
    assert.equal(pod.securityContext.runAsNonRoot, true);
    assert.equal(pod.securityContext.seccompProfile.type, 'RuntimeDefault');
    assert.equal(container.securityContext.allowPrivilegeEscalation, false);
    assert.equal(container.securityContext.readOnlyRootFilesystem, true);
    assert.deepEqual(container.securityContext.capabilities.drop, ['ALL']);
    assert.ok(
      container.resources.limits.memory && container.resources.requests.cpu,
    );
    assert.ok(container.readinessProbe && container.livenessProbe);
  });

  test('takes the database password from a Secret, never from values', () => {
    const password = container.env.find(e => e.name === 'POSTGRES_PASSWORD');
    assert.deepEqual(password.valueFrom.secretKeyRef, {
      name: 'hatchway-postgres',
      key: 'password',
    });
    assert.equal(byKind(docs, 'Secret').length, 0);
  });

  test('grants read-only RBAC without secrets, exec or attach', () => {
    const [role] = byKind(docs, 'ClusterRole');
    for (const rule of role.rules) {
      assert.deepEqual(
        rule.verbs.filter(v => !['get', 'list', 'watch'].includes(v)),
        [],
        `write verbs in ${JSON.stringify(rule)}`,
      );
      for (const r of rule.resources) {
        assert.ok(
          !['secrets', 'pods/exec', 'pods/attach', '*'].includes(r),
          `grants ${r}`,
        );
      }
    }
    const [binding] = byKind(docs, 'ClusterRoleBinding');
    assert.deepEqual(binding.subjects, [
      { kind: 'ServiceAccount', name: 'rel-hatchway', namespace: 'portal' },
    ]);
  });

  test('keeps the cloud metadata endpoint out of reach and admits ingress only from the ingress namespace', () => {
    const [policy] = byKind(docs, 'NetworkPolicy');
    assert.deepEqual(policy.spec.policyTypes, ['Ingress', 'Egress']);
    const cidrs = policy.spec.egress.flatMap(r =>
      (r.to ?? []).map(t => t.ipBlock?.cidr).filter(Boolean),
    );
    assert.deepEqual(cidrs, ['10.0.0.0/8']);
    assert.equal(
      policy.spec.ingress[0].from[0].namespaceSelector.matchLabels[
        'kubernetes.io/metadata.name'
      ],
      'ingress-nginx',
    );
  });

  test('keeps two replicas behind a PodDisruptionBudget', () => {
    assert.equal(deployment.spec.replicas, 2);
    assert.equal(byKind(docs, 'PodDisruptionBudget')[0].spec.minAvailable, 1);
  });
});

describe('pinned production values', () => {
  const docs = render('pinned-production-values.yaml');
  test('pins the image by digest and layers the extra app-config', () => {
    const [deployment] = byKind(docs, 'Deployment');
    const [container] = deployment.spec.template.spec.containers;
    assert.match(container.image, /:0\.1\.0@sha256:[a-f0-9]{64}$/);
    assert.ok(container.args.includes('/config/app-config.extra.yaml'));
    const [configMap] = byKind(docs, 'ConfigMap');
    assert.match(
      configMap.data['app-config.extra.yaml'],
      /metadataUrl: https:\/\/sso\.example\.com/,
    );
    assert.match(
      configMap.data['app-config.chart.yaml'],
      /adminGroups: \["group:default\/platform"\]/,
    );
  });
  test('creates no RBAC when rbac.create is false', () => {
    assert.equal(byKind(docs, 'ClusterRole').length, 0);
  });
});

test('rejects values the schema does not know, naming the key', () => {
  const res = spawnSync(
    helm,
    ['template', 'rel', chartDir, '--set', 'replicas=3'],
    { encoding: 'utf8' },
  );
  assert.notEqual(res.status, 0);
  assert.match(res.stderr, /replicas/);
});

// Hatchway's own readiness CLI over the rendered chart, as CI would run it on a release.
const readinessCli = path.resolve(
  chartDir,
  '../../plugins/readiness-node/bin/hatchway-readiness',
);

function scanRendered(valuesFile, cliArgs) {
  const manifests = execFileSync(
    helm,
    [
      'template',
      'rel',
      chartDir,
      '--namespace',
      'portal',
      '-f',
      path.join(chartDir, 'ci', valuesFile),
    ],
    { encoding: 'utf8' },
  );
  return spawnSync(readinessCli, ['scan', '-', ...cliArgs], {
    input: manifests,
    encoding: 'utf8',
  });
}

test('a production install passes every readiness check on the production profile (gold)', () => {
  const res = scanRendered('pinned-production-values.yaml', [
    '--profile',
    'production',
    '--fail-on',
    'warning',
    '--format',
    'json',
  ]);
  assert.equal(res.status, 0, res.stdout + res.stderr);
  const result = JSON.parse(res.stdout);
  assert.equal(result.score.score, 100);
  assert.equal(result.score.level, 'gold');
});

test('the portal workload itself has no failed readiness finding with default values', () => {
  const res = scanRendered('default-values.yaml', ['--format', 'json']);
  const result = JSON.parse(res.stdout);
  const failedOnWorkload = result.findings.filter(
    f => f.status === 'failed' && f.resource.kind !== 'Namespace',
  );
  assert.deepEqual(failedOnWorkload, []);
  // Only the namespace-wide default-deny, left to the namespace owner by default, is reported.
  assert.ok(
    result.findings.some(
      f => f.status === 'failed' && f.checkId === 'default-deny-ingress',
    ),
  );
});
