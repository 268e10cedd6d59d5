// The chart's README documents every value as values.yaml has it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import {
  readmePath,
  readmeWithTable,
  valuesTable,
} from '../scripts/values-table.mjs';
import { chartDir, renderText, repoRoot } from './helpers.mjs';

test('the README values table is the one values.yaml gives (run values-table.mjs --write)', async () => {
  const readme = fs.readFileSync(readmePath, 'utf8');
  assert.equal(await readmeWithTable(readme), readme);
});

test('the values table lists every leaf value with its default and a description for each section', () => {
  const values = parseYaml(fs.readFileSync(`${chartDir}/values.yaml`, 'utf8'));
  const table = valuesTable();
  const row = key =>
    table.split('\n').find(l => l.startsWith(`| \`${key}\` |`));
  assert.match(row('gateway.drainSeconds'), /\| `30` \| Seconds live sessions/);
  assert.match(row('terminal.runnerNamespace.name'), /`"hatchway-runners"`/);
  for (const section of Object.keys(values)) {
    const documented = table
      .split('\n')
      .filter(l => l.startsWith(`| \`${section}`))
      .some(l => !l.endsWith('|  |'));
    assert.ok(documented, `${section} has no description`);
  }
});

test('the README example values render and pass the production readiness profile once digests are filled in', () => {
  const readme = fs.readFileSync(readmePath, 'utf8');
  const example =
    /A minimal `hatchway-values.yaml`[^`]*```yaml\n([\s\S]*?)```/.exec(
      readme,
    )[1];
  const placeholders = example.match(/sha256:<[^>]+>/g);
  assert.equal(placeholders.length, 5);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hatchway-readme-'));
  const file = path.join(dir, 'hatchway-values.yaml');
  fs.writeFileSync(
    file,
    example.replace(/sha256:<[^>]+>/g, `sha256:${'ab'.repeat(32)}`),
  );
  try {
    const manifests = renderText([file]);
    const res = spawnSync(
      path.join(repoRoot, 'plugins/readiness-node/bin/hatchway-readiness'),
      ['scan', '-', '--profile', 'production', '--format', 'json'],
      { input: manifests, encoding: 'utf8' },
    );
    const result = JSON.parse(res.stdout);
    assert.deepEqual(
      result.findings.filter(f => f.status === 'failed'),
      [],
    );
    assert.equal(result.score.score, 100);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
