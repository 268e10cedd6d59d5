// Hatchway's own readiness CLI over the rendered chart, as CI would run it on a release.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { NAMESPACE, renderText, repoRoot } from './helpers.mjs';

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
  'deploy/argocd/values/staging.yaml',
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

test('the Argo CD dev environment fails no check but on its deliberate single replicas', () => {
  const { result } = scan(['deploy/argocd/values/dev.yaml'], []);
  const failed = result.findings.filter(f => f.status === 'failed');
  assert.deepEqual(
    failed.filter(f => !['min-replicas', 'pdb-coverage'].includes(f.checkId)),
    [],
  );
  assert.ok(failed.every(f => f.severity !== 'danger'));
});

test('Pod Security Admission at restricted would admit every pod the chart renders, in every values set', () => {
  for (const file of [
    'dev-values.yaml',
    'production-values.yaml',
    'deploy/argocd/values/production.yaml',
  ]) {
    const res = spawnSync(
      readinessCli,
      ['pss', '-', '--level', 'restricted', '--format', 'json'],
      { input: renderText([file]), encoding: 'utf8' },
    );
    assert.equal(res.status, 0, `${file}: ${res.stdout}${res.stderr}`);
    const result = JSON.parse(res.stdout);
    assert.equal(result.allowed, true);
    assert.deepEqual(
      result.objects.map(o => [o.resource.name, o.allowed]).sort(),
      [
        ['rel-hatchway', true],
        ['rel-hatchway-gateway', true],
      ],
    );
  }
});
