// The chart's README documents every value as values.yaml has it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import {
  readmePath,
  readmeWithTable,
  valuesTable,
} from '../scripts/values-table.mjs';
import { chartDir } from './helpers.mjs';

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
