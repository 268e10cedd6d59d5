// The install notes (helm install --dry-run=client renders NOTES.txt without a cluster).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { NAMESPACE, chartDir, helm, valuesPath } from './helpers.mjs';

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
