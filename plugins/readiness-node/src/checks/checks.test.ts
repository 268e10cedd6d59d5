import { networkCases } from '../__fixtures__/cases/network';
import { polarisRbacAndSecretsCases } from '../__fixtures__/cases/polarisRbacAndSecrets';
import { polarisWorkloadCases } from '../__fixtures__/cases/polarisWorkloads';
import { rbacAndSecretsCases } from '../__fixtures__/cases/rbacAndSecrets';
import { statusCases } from '../__fixtures__/cases/statusChecks';
import { workloadOperationsCases } from '../__fixtures__/cases/workloadOperations';
import { workloadSecurityCases } from '../__fixtures__/cases/workloadSecurity';
import { CheckCase, runCheck } from '../__fixtures__/runCheck';
import { podSecurityCheckCases } from '../pss/__fixtures__/checkCases';
import fs from 'node:fs';
import path from 'node:path';
import { builtInChecks } from '.';

const cases: CheckCase[] = [
  ...workloadSecurityCases,
  ...workloadOperationsCases,
  ...networkCases,
  ...rbacAndSecretsCases,
  ...statusCases,
  ...polarisWorkloadCases,
  ...polarisRbacAndSecretsCases,
  ...podSecurityCheckCases,
];

const title = (c: CheckCase) => [`${c.checkId}: ${c.name}`, c] as const;
const where = (expect: CheckCase['expect']) =>
  cases.filter(c => c.expect === expect).map(title);

describe('built-in checks', () => {
  it.each(where('failed'))('fails %s', (_, c) => {
    const failed = runCheck(c.checkId, c.objects, c.options).find(
      f => f.status === 'failed',
    );
    // Only what the case pins down is compared; every case pins at least the status.
    const message = expect.stringMatching(c.message ?? '');
    expect(failed).toMatchObject({
      status: 'failed',
      ...(c.message && { message }),
      ...(c.fieldPaths && { fieldPaths: c.fieldPaths }),
      ...(c.container && { container: c.container }),
    });
  });

  it.each([...where('passed'), ...where('skipped')])(
    'does not fail %s',
    (_, c) => {
      const statuses = runCheck(c.checkId, c.objects, c.options).map(
        f => f.status,
      );
      expect(statuses.length).toBeGreaterThan(0);
      expect(statuses).toEqual(statuses.map(() => c.expect));
    },
  );

  it.each(where('none'))('does not apply to %s', (_, c) => {
    expect(runCheck(c.checkId, c.objects, c.options)).toEqual([]);
  });

  it('has a passing and a failing scenario for every check', () => {
    const missing = builtInChecks.flatMap(({ definition: { id } }) =>
      (['passed', 'failed'] as const)
        .filter(
          outcome => !cases.some(c => c.checkId === id && c.expect === outcome),
        )
        .map(outcome => `${id} (${outcome})`),
    );
    expect(missing).toEqual([]);
  });

  it('gives every check a unique id, a title, remediation and a docs link', () => {
    const ids = builtInChecks.map(c => c.definition.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { definition } of builtInChecks) {
      expect(definition.id).toMatch(/^[a-z][a-z0-9-]+$/);
      expect(definition.title.length).toBeGreaterThan(5);
      expect(definition.remediation.length).toBeGreaterThan(10);
      expect(definition.docsUrl).toBe(
        `https://hatchway.dev/docs/readiness/checks#${definition.id}`,
      );
    }
  });

  it('documents every check in the README', () => {
    const readme = fs.readFileSync(
      path.resolve(__dirname, '../../README.md'),
      'utf8',
    );
    const undocumented = builtInChecks
      .map(c => c.definition.id)
      .filter(id => !readme.includes(`| \`${id}\``));
    expect(undocumented).toEqual([]);
  });
});
