import fs from 'node:fs';
import path from 'node:path';
import { resolveChecks } from '../engine/profiles';
import { builtInChecks } from '.';

/** The rows of POLARIS.md's table: a Polaris check, its severity, and Hatchway's answer. */
function mapping() {
  const text = fs.readFileSync(
    path.resolve(__dirname, '../../POLARIS.md'),
    'utf8',
  );
  return text
    .split('\n')
    .filter(line => /^\| `[a-zA-Z]+`/.test(line))
    .map(line => {
      const [polaris, polarisSeverity, hatchway, hatchwaySeverity] = line
        .split('|')
        .slice(1, 5)
        .map(cell => cell.trim());
      return {
        polaris: polaris.replace(/`/g, ''),
        polarisSeverity,
        hatchwayIds: [...hatchway.matchAll(/`([a-z0-9-]+)`/g)].map(m => m[1]),
        hatchwaySeverity,
      };
    });
}

const effective = new Map(
  resolveChecks(
    builtInChecks.map(c => c.definition),
    'default',
  ).checks.map(c => [c.id, c]),
);

describe('Polaris coverage (POLARIS.md)', () => {
  const rows = mapping();

  it('maps each of the 44 Polaris checks once', () => {
    const ids = rows.map(r => r.polaris);
    expect(ids).toHaveLength(44);
    expect(new Set(ids).size).toBe(44);
    expect(ids).toEqual(
      expect.arrayContaining([
        'sensitiveContainerEnvVar',
        'sensitiveConfigmapContent',
        'pdbDisruptionsIsZero',
        'pdbMinAvailableGreaterThanHPAMinReplicas',
        'hpaMaxAvailability',
        'hpaMinAvailability',
        'hostPortSet',
        'procMount',
        'priorityClassNotSet',
        'pullPolicyNotAlways',
        'metadataAndInstanceMismatched',
      ]),
    );
  });

  it.each(rows.map(r => [r.polaris, r] as const))(
    '%s: the Hatchway checks exist, run by default and are as severe as the table says',
    (_, row) => {
      expect(row.hatchwayIds.length).toBeGreaterThan(0);
      for (const id of row.hatchwayIds) {
        const check = effective.get(id);
        expect(check).toMatchObject({
          id,
          enabled: true,
          severity: row.hatchwaySeverity,
        });
      }
    },
  );

  it('never rates a Polaris danger as a warning', () => {
    const weaker = rows
      .filter(r => r.polarisSeverity === 'danger')
      .filter(r => r.hatchwaySeverity !== 'danger')
      .map(r => r.polaris);
    expect(weaker).toEqual([]);
  });
});
