import { Finding, ResourceRef } from '@hatchway/plugin-readiness-common';
import { FindingColumns } from './findingTable';

const pod = (n: number): ResourceRef => ({
  apiVersion: 'v1',
  kind: 'Pod',
  namespace: 'shop',
  name: `pod-${n}`,
});

/** A table of `count` findings of two checks, each third one failed with field paths. */
function tableOf(count: number) {
  const table = new FindingColumns();
  const checks = [
    table.addCheck('run-as-non-root', 'danger', 'security'),
    table.addCheck('liveness-probe', 'warning', 'reliability'),
  ];
  const paths = Object.freeze(['spec.containers[0].securityContext']);
  for (let n = 0; n < count; n++) {
    if (n % 3 === 2)
      table.record(checks[n % 2], 'failed', pod(n), `bad ${n}`, paths, 'app');
    else
      table.record(
        checks[n % 2],
        'passed',
        pod(n),
        `good ${n}`,
        undefined,
        undefined,
      );
  }
  return table;
}

const names = (findings: Iterable<Finding>) =>
  Array.from(findings, f => f.resource.name);

describe('FindingColumns', () => {
  it('gives back each finding with its check, status, message, paths and container', () => {
    const table = tableOf(3);
    expect(table.toArray()).toEqual([
      {
        checkId: 'run-as-non-root',
        resource: pod(0),
        severity: 'danger',
        category: 'security',
        status: 'passed',
        message: 'good 0',
      },
      {
        checkId: 'liveness-probe',
        resource: pod(1),
        severity: 'warning',
        category: 'reliability',
        status: 'passed',
        message: 'good 1',
      },
      {
        checkId: 'run-as-non-root',
        resource: pod(2),
        severity: 'danger',
        category: 'security',
        status: 'failed',
        message: 'bad 2',
        fieldPaths: ['spec.containers[0].securityContext'],
        container: 'app',
      },
    ]);
    // Serialized as the engine always did: the same keys in the same order, nothing undefined.
    expect(JSON.stringify(table.at(0))).toBe(
      '{"checkId":"run-as-non-root","resource":{"apiVersion":"v1","kind":"Pod","namespace":"shop","name":"pod-0"},"severity":"danger","category":"security","status":"passed","message":"good 0"}',
    );
  });

  it('reads the same findings, in order, by index, by forEach and by iterator, across chunks', () => {
    const table = tableOf(40_000);
    expect(table.length).toBe(40_000);
    const expected = Array.from({ length: 40_000 }, (_, n) => `pod-${n}`);
    expect(names(table)).toEqual(expected);
    expect(names(table.toArray())).toEqual(expected);
    const visited: string[] = [];
    table.forEach((finding, index) => {
      expect(index).toBe(visited.length);
      visited.push(finding.resource.name);
    });
    expect(visited).toEqual(expected);
    expect(table.at(16_384).resource.name).toBe('pod-16384');
    expect(table.at(39_998).status).toBe('failed');
    expect(table.at(39_999).status).toBe('passed');
  });

  it('builds each finding afresh, so a reader changing one does not change the table', () => {
    const table = tableOf(1);
    const first = table.at(0);
    first.status = 'failed';
    expect(table.at(0).status).toBe('passed');
    expect(table.at(0)).not.toBe(table.at(0));
  });

  it('keeps whole findings (exempted, imported) as they are, between compact ones', () => {
    const table = tableOf(2);
    const exempted: Finding = {
      checkId: 'run-as-non-root',
      resource: pod(9),
      severity: 'danger',
      category: 'security',
      status: 'exempted',
      message: 'runs as root',
      exemption: { id: 'legacy-root', reason: 'legacy image' },
    } as Finding;
    table.recordFinding(exempted);
    table.record(0, 'skipped', pod(10), 'no pods', undefined, undefined);
    expect(table.at(2)).toBe(exempted);
    expect(names(table)).toEqual(['pod-0', 'pod-1', 'pod-9', 'pod-10']);
    expect(table.at(3).status).toBe('skipped');
  });

  it('shows every finding through one view with the same field values, whole ones as themselves', () => {
    const table = tableOf(20_000);
    const whole = { ...table.at(0), status: 'exempted' } as Finding;
    table.recordFinding(whole);
    const expected = table.toArray();
    const seen: Array<Partial<Finding>> = [];
    const views = new Set<Readonly<Finding>>();
    table.forEachView(view => {
      views.add(view);
      seen.push({
        checkId: view.checkId,
        status: view.status,
        severity: view.severity,
        category: view.category,
        resource: view.resource,
        message: view.message,
        ...(view.fieldPaths && { fieldPaths: view.fieldPaths }),
        ...(view.container && { container: view.container }),
        ...(view.exemption && { exemption: view.exemption }),
      });
    });
    expect(seen).toEqual(expected);
    expect(views.size).toBe(2);
    expect(views.has(whole)).toBe(true);
  });

  it.each([0, 1, 16_383, 16_384, 16_385, 32_768, 40_000])(
    'drops what was recorded after the first %i findings, and records on from there',
    length => {
      const table = tableOf(40_000);
      table.truncate(length);
      expect(table.length).toBe(length);
      const check = table.addCheck('late', 'warning', 'efficiency');
      table.record(check, 'passed', pod(-1), 'late', undefined, undefined);
      const all = table.toArray();
      expect(all).toHaveLength(length + 1);
      expect(names(all)).toEqual([
        ...Array.from({ length }, (_, n) => `pod-${n}`),
        'pod--1',
      ]);
      // The slot reused after the cut holds nothing of the finding that was dropped there.
      expect(all[length]).toEqual({
        checkId: 'late',
        resource: pod(-1),
        severity: 'warning',
        category: 'efficiency',
        status: 'passed',
        message: 'late',
      });
    },
  );

  it('says which index is out of range', () => {
    const table = tableOf(2);
    expect(() => table.at(2)).toThrow('No finding 2: the table holds 2');
    expect(() => table.at(-1)).toThrow(RangeError);
  });
});
