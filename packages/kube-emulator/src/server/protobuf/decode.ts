import { PROTO_MESSAGES } from './schema';
import { badRequest, unsupportedMediaType } from '../errors';
import { rfc3339, rfc3339Micro } from '../../util/time';

/**
 * Decodes Kubernetes protobuf request bodies (`application/vnd.kubernetes.protobuf`) into the
 * JSON form. kubectl's typed clients (create <kind>, auth can-i, auth whoami, create token) send
 * protobuf and do not fall back to JSON, so the server has to read it. Field numbers come from
 * the generated.proto files (see schema.ts); the envelope is the `k8s\0` magic + runtime.Unknown.
 */

interface Field {
  name: string;
  type: string;
  repeated: boolean;
  map: boolean;
}

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);
const parsed = new Map<string, Map<number, Field>>();

function layout(message: string): Map<number, Field> {
  let m = parsed.get(message);
  if (m) return m;
  const spec = PROTO_MESSAGES[message];
  if (spec === undefined)
    throw unsupportedMediaType('application/vnd.kubernetes.protobuf', [
      'application/json',
      'application/yaml',
    ]);
  m = new Map();
  for (const entry of spec.split(' ').filter(Boolean)) {
    const [, name, num, type, star] = /^(\w+)=(\d+):([\w.:]+?)(\*?)$/.exec(
      entry,
    )!;
    const map = type.startsWith('map:');
    m.set(Number(num), {
      name,
      type: map ? type.slice(4) : type,
      repeated: star === '*',
      map,
    });
  }
  parsed.set(message, m);
  return m;
}

// Pointer fields of the built-in types, where an explicit zero/false is meaningful; other zero
// scalars are Go zero values the protobuf encoder always writes and JSON would omit.
const ZERO_MATTERS = new Set([
  'replicas',
  'parallelism',
  'completions',
  'backoffLimit',
  'suspend',
  'revisionHistoryLimit',
  'activeDeadlineSeconds',
  'ttlSecondsAfterFinished',
  'terminationGracePeriodSeconds',
  'successfulJobsHistoryLimit',
  'failedJobsHistoryLimit',
  'startingDeadlineSeconds',
  'automountServiceAccountToken',
  'immutable',
  'gracePeriodSeconds',
  'minAvailable',
  'maxUnavailable',
  'value',
  'containerPort',
  'port',
  'allowed',
  'manualSelector',
  'expirationSeconds',
]);

class Reader {
  pos = 0;
  constructor(readonly buf: Buffer) {}
  varint(): number {
    let result = 0;
    let shift = 1;
    for (;;) {
      if (this.pos >= this.buf.length)
        throw badRequest('protobuf: unexpected end of input');
      const b = this.buf[this.pos++];
      result += (b & 0x7f) * shift;
      if (b < 0x80) break;
      shift *= 128;
    }
    // int32/int64 negatives are 10-byte two's complement varints.
    return result >= 2 ** 63 ? result - 2 ** 64 : result;
  }
  bytes(): Buffer {
    const len = this.varint();
    if (len < 0 || this.pos + len > this.buf.length)
      throw badRequest('protobuf: length out of range');
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.pos += 4;
    else throw badRequest(`protobuf: unsupported wire type ${wire}`);
  }
}

function scalar(type: string, wire: number, r: Reader): unknown {
  switch (type) {
    case 'string':
      return r.bytes().toString('utf8');
    case 'bytes':
      return r.bytes().toString('base64');
    case 'bool':
      return r.varint() !== 0;
    case 'double': {
      const v = r.buf.readDoubleLE(r.pos);
      r.pos += 8;
      return v;
    }
    case 'float': {
      const v = r.buf.readFloatLE(r.pos);
      r.pos += 4;
      return v;
    }
    default:
      if (wire !== 0)
        throw badRequest(`protobuf: unexpected wire type for ${type}`);
      return r.varint();
  }
}

function durationString(ns: number): string {
  if (ns === 0) return '0s';
  let s = ns / 1e9;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${Number(s.toFixed(9))}s`;
}

/** Turns the few well-known wrapper messages into their JSON representations. */
function special(type: string, v: Record<string, any>): unknown {
  switch (type) {
    case 'meta.v1.Time':
      return v.seconds ? rfc3339(new Date(v.seconds * 1000)) : undefined;
    case 'meta.v1.MicroTime':
      return v.seconds
        ? rfc3339Micro(
            new Date(v.seconds * 1000 + Math.floor((v.nanos ?? 0) / 1e6)),
          )
        : undefined;
    case 'resource.Quantity':
      return v.string ?? '0';
    case 'intstr.IntOrString':
      return v.type === 1 ? v.strVal ?? '' : v.intVal ?? 0;
    case 'meta.v1.Duration':
      return durationString(v.duration ?? 0);
    case 'meta.v1.FieldsV1':
    case 'runtime.RawExtension':
      return v.Raw || v.raw
        ? JSON.parse(Buffer.from(v.Raw ?? v.raw, 'base64').toString('utf8'))
        : undefined;
    default:
      return v;
  }
}

const SPECIAL = new Set([
  'meta.v1.Time',
  'meta.v1.MicroTime',
  'resource.Quantity',
  'intstr.IntOrString',
  'meta.v1.Duration',
  'meta.v1.FieldsV1',
  'runtime.RawExtension',
]);

function value(type: string, wire: number, r: Reader, depth: number): unknown {
  if (!PROTO_MESSAGES[type]) return scalar(type, wire, r);
  const raw = decodeMessage(type, r.bytes(), depth + 1, SPECIAL.has(type));
  return special(type, raw);
}

function decodeMessage(
  type: string,
  buf: Buffer,
  depth = 0,
  keepZero = false,
): Record<string, any> {
  if (depth > 64) throw badRequest('protobuf: message nested too deeply');
  const fields = layout(type);
  const out: Record<string, any> = {};
  const r = new Reader(buf);
  while (r.pos < buf.length) {
    const tag = r.varint();
    const num = Math.floor(tag / 8);
    const wire = tag & 7;
    const f = fields.get(num);
    if (!f) {
      r.skip(wire);
      continue;
    }
    if (f.map) {
      const entry = new Reader(r.bytes());
      let key = '';
      let val: unknown;
      while (entry.pos < entry.buf.length) {
        const t = entry.varint();
        if (t >> 3 === 1) key = entry.bytes().toString('utf8');
        else if (t >> 3 === 2) val = value(f.type, t & 7, entry, depth);
        else entry.skip(t & 7);
      }
      (out[f.name] ??= {})[key] = val ?? (f.type === 'string' ? '' : val);
    } else if (f.repeated) {
      const list = (out[f.name] ??= []);
      if (
        wire === 2 &&
        !PROTO_MESSAGES[f.type] &&
        f.type !== 'string' &&
        f.type !== 'bytes'
      ) {
        const packed = new Reader(r.bytes());
        while (packed.pos < packed.buf.length)
          list.push(scalar(f.type, 0, packed));
      } else list.push(value(f.type, wire, r, depth));
    } else {
      const v = value(f.type, wire, r, depth);
      const zero = v === '' || v === 0 || v === false;
      if (v !== undefined && (!zero || keepZero || ZERO_MATTERS.has(f.name)))
        out[f.name] = v;
    }
  }
  return out;
}

const GROUP_PACKAGES: Record<string, string> = {
  '': 'core',
  apps: 'apps',
  batch: 'batch',
  'rbac.authorization.k8s.io': 'rbac',
  'authorization.k8s.io': 'authorization',
  'authentication.k8s.io': 'authentication',
  policy: 'policy',
  'scheduling.k8s.io': 'scheduling',
  'networking.k8s.io': 'networking',
  'meta.k8s.io': 'meta',
};

/** True for `k8s\0`-prefixed Kubernetes protobuf. */
export function isKubernetesProtobuf(buf: Buffer): boolean {
  return buf.length >= 4 && buf.subarray(0, 4).equals(MAGIC);
}

/** Decodes a Kubernetes protobuf body into a JSON object (with apiVersion and kind). */
export function decodeKubernetesProtobuf(buf: Buffer): Record<string, unknown> {
  if (!isKubernetesProtobuf(buf))
    throw badRequest(
      'protobuf: the body does not start with the Kubernetes protobuf magic',
    );
  const envelope = decodeMessage('runtime.Unknown', buf.subarray(4));
  const apiVersion: string = envelope.typeMeta?.apiVersion ?? '';
  const kind: string = envelope.typeMeta?.kind ?? '';
  const [group, version] = apiVersion.includes('/')
    ? apiVersion.split('/')
    : ['', apiVersion];
  const pkg = GROUP_PACKAGES[group];
  const message = pkg && `${pkg}.${version}.${kind}`;
  if (!message || !PROTO_MESSAGES[message]) {
    throw unsupportedMediaType('application/vnd.kubernetes.protobuf', [
      'application/json',
      'application/yaml',
    ]);
  }
  const obj = decodeMessage(message, Buffer.from(envelope.raw ?? '', 'base64'));
  return { apiVersion, kind, ...obj };
}
