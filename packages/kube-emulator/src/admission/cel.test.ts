import {
  compileExpression,
  evaluate,
  LazyVariables,
  toCelValue,
  type CompiledExpression,
} from './cel';

const run = (expression: string, bindings: Record<string, unknown> = {}) =>
  compileExpression(expression)(bindings);

describe('admission CEL', () => {
  it('sees JSON integers as ints and other numbers as doubles', () => {
    const object = toCelValue({ spec: { replicas: 3, ratio: 0.5 } });
    expect(run('object.spec.replicas + 1', { object })).toBe(4n);
    expect(run('object.spec.ratio * 2.0', { object })).toBe(1);
    expect(run('type(object.spec.replicas) == int', { object })).toBe(true);
  });

  it('has the standard macros and the strings extension', () => {
    const object = toCelValue({
      metadata: { name: 'vcluster-demo' },
      subjects: [{ kind: 'ServiceAccount', namespace: 'portal' }],
    });
    expect(
      run(
        "object.metadata.name.startsWith('vcluster-') && has(object.subjects) && object.subjects.all(s, s.kind == 'ServiceAccount' && has(s.namespace))",
        { object },
      ),
    ).toBe(true);
    expect(run("'A-b'.lowerAscii().split('-') == ['a', 'b']")).toBe(true);
    expect(run("'abc'.matches('^a.c$')")).toBe(true);
  });

  it('has the Kubernetes lists and regex libraries', () => {
    expect(run('[1, 2, 3].isSorted() && ![2, 1].isSorted()')).toBe(true);
    expect(run('[1, 2, 3].sum()')).toBe(6n);
    expect(run('[3, 1, 2].min() == 1 && [3, 1, 2].max() == 3')).toBe(true);
    expect(run("['a', 'b', 'a'].lastIndexOf('a')")).toBe(2n);
    expect(run("'abc'.indexOf('c')")).toBe(2n);
    expect(run("'x1y22'.find('[0-9]+')")).toBe('1');
    expect(run("'x1y22'.findAll('[0-9]+') == ['1', '22']")).toBe(true);
    expect(run("'x1y22'.findAll('[0-9]+', 1) == ['1']")).toBe(true);
    expect(() => run('[].min()')).toThrow('min called on empty list');
  });

  it('reports a missing field as cel-go does', () => {
    expect(() => run('object.nope == 1', { object: {} })).toThrow(
      'no such key: nope',
    );
    expect(() => compileExpression('object.x ==')).toThrow();
  });

  it('evaluates variables on first use only, and reports the failing one', () => {
    let calls = 0;
    const counted: CompiledExpression = () => {
      calls++;
      return 'v';
    };
    const defs = new Map<string, CompiledExpression>([
      ['a', counted],
      ['bad', compileExpression('object.missing')],
    ]);
    const bindings: Record<string, unknown> = { object: {} };
    const variables = new LazyVariables(defs, () => bindings);
    bindings.variables = variables;
    const twice = compileExpression("variables.a + variables.a == 'vv'");
    expect(evaluate(twice, bindings, variables)).toBe(true);
    expect(calls).toBe(1);
    expect(() =>
      evaluate(compileExpression('variables.bad == 1'), bindings, variables),
    ).toThrow(
      'composited variable "bad" fails to evaluate: no such key: missing',
    );
  });
});
