import {
  celMethod,
  CelScalar,
  listType,
  type CelFunc,
  type CelList,
} from '@bufbuild/cel';

/**
 * The parts of Kubernetes' own CEL libraries (k8s.io/apiserver/pkg/cel/library) that policies use
 * most: the lists library (isSorted, sum, min, max, indexOf, lastIndexOf on lists of numbers or
 * strings) and the regex library (find, findAll). Regular expressions run on JavaScript's engine,
 * which agrees with RE2 on the syntax policies use (no backreferences or lookarounds there).
 */

const { DYN, INT, STRING } = CelScalar;
const LIST = listType(DYN);

type Scalar = bigint | number | string | boolean;

const items = (list: CelList): Scalar[] => [...list] as Scalar[];

function compare(a: Scalar, b: Scalar): number {
  if (typeof a === 'string' && typeof b === 'string')
    return a < b ? -1 : Number(a > b);
  if (typeof a === 'boolean' && typeof b === 'boolean')
    return Number(a) - Number(b);
  const x = typeof a === 'bigint' ? a : Number(a);
  const y = typeof b === 'bigint' ? b : Number(b);
  if (
    (typeof x !== 'bigint' && typeof x !== 'number') ||
    (typeof y !== 'bigint' && typeof y !== 'number')
  )
    throw new Error('no such overload');
  return x < y ? -1 : Number(x > y);
}

function extreme(list: CelList, name: string, sign: number): Scalar {
  const all = items(list);
  if (all.length === 0) throw new Error(`${name} called on empty list`);
  return all.reduce((best, v) => (compare(v, best) * sign < 0 ? v : best));
}

function sum(list: CelList): Scalar {
  const all = items(list);
  if (all.length === 0) return 0n;
  if (all.every(v => typeof v === 'bigint'))
    return (all as bigint[]).reduce((a, b) => a + b, 0n);
  return all.reduce<number>((a, b) => a + Number(b), 0);
}

const equal = (a: Scalar, b: Scalar) => {
  try {
    return compare(a, b) === 0 && typeof a === typeof b;
  } catch {
    return false;
  }
};

function regex(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'gu');
  } catch (e) {
    throw new Error(`error parsing regexp: ${(e as Error).message}`);
  }
}

export const KUBERNETES_CEL_FUNCS: CelFunc[] = [
  celMethod('isSorted', LIST, [], CelScalar.BOOL, function isSorted() {
    const all = items(this);
    return all.every((v, i) => i === 0 || compare(all[i - 1], v) <= 0);
  }),
  celMethod('sum', LIST, [], DYN, function listSum() {
    return sum(this);
  }),
  celMethod('min', LIST, [], DYN, function listMin() {
    return extreme(this, 'min', 1);
  }),
  celMethod('max', LIST, [], DYN, function listMax() {
    return extreme(this, 'max', -1);
  }),
  celMethod('indexOf', LIST, [DYN], INT, function listIndexOf(v) {
    return BigInt(items(this).findIndex(x => equal(x, v as Scalar)));
  }),
  celMethod('lastIndexOf', LIST, [DYN], INT, function listLastIndexOf(v) {
    const all = items(this);
    for (let i = all.length - 1; i >= 0; i--)
      if (equal(all[i], v as Scalar)) return BigInt(i);
    return -1n;
  }),
  celMethod('find', STRING, [STRING], STRING, function find(pattern) {
    return regex(pattern).exec(this)?.[0] ?? '';
  }),
  celMethod(
    'findAll',
    STRING,
    [STRING],
    listType(STRING),
    function findAll(pattern) {
      return [...this.matchAll(regex(pattern))].map(m => m[0]);
    },
  ),
  celMethod(
    'findAll',
    STRING,
    [STRING, INT],
    listType(STRING),
    function findAllN(pattern, n) {
      const all = [...this.matchAll(regex(pattern))].map(m => m[0]);
      return n < 0n ? all : all.slice(0, Number(n));
    },
  ),
];
