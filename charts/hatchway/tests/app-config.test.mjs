// The portal would start with the chart's config: app-config.yaml, app-config.production.yaml and
// the chart's ConfigMap files, with the Deployment's environment, pass the backend's config schema
// (backstage-cli config:check --strict, the check the backend runs at start).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { OAUTH2_PROXY_ARGS, named, render, repoRoot } from './helpers.mjs';

const backendDir = path.join(repoRoot, 'packages/backend');
const backstageCli = path.join(
  repoRoot,
  'node_modules/@backstage/cli/bin/backstage-cli',
);

function configCheck(valuesFile, extraArgs) {
  const docs = render([valuesFile], extraArgs);
  const deployment = named(docs, 'Deployment', 'rel-hatchway');
  const [container] = deployment.spec.template.spec.containers;
  const configMap = named(docs, 'ConfigMap', 'rel-hatchway-app-config');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hatchway-chart-config-'));
  // The container's --config arguments, with the ConfigMap's files where it mounts them.
  const args = [];
  for (let i = 0; i < container.args.length; i += 2) {
    const file = container.args[i + 1];
    if (file.startsWith('/config/')) {
      const local = path.join(dir, path.basename(file));
      fs.writeFileSync(local, configMap.data[path.basename(file)]);
      args.push('--config', local);
    } else {
      args.push('--config', path.join(repoRoot, file));
    }
  }
  // Plain values as rendered; values from Secrets as placeholders (their shape is not checked).
  const env = { PATH: process.env.PATH, HOME: process.env.HOME };
  for (const e of container.env) {
    env[e.name] = e.value ?? `placeholder-${e.name.toLowerCase()}`;
  }
  const res = spawnSync(
    process.execPath,
    [backstageCli, 'config:check', '--strict', ...args],
    { cwd: backendDir, env, encoding: 'utf8' },
  );
  fs.rmSync(dir, { recursive: true, force: true });
  return res;
}

// dev with the Argo CD provisioner, production with the direct one, and with oauth2-proxy sign-in.
for (const [file, extraArgs] of [
  ['dev-values.yaml', ['--set', 'vcluster.argocd.enabled=true']],
  ['production-values.yaml', []],
  ['production-values.yaml', OAUTH2_PROXY_ARGS],
]) {
  test(`${file} ${extraArgs.join(
    ' ',
  )}: the backend's config schema accepts the portal's config`, () => {
    const res = configCheck(file, extraArgs);
    assert.equal(res.status, 0, res.stdout + res.stderr);
  });
}
