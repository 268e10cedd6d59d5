import { decodeKubernetesProtobuf } from './decode';

// A tiny protobuf encoder, enough to build the bodies kubectl sends.
const varint = (value: number): number[] => {
  const out: number[] = [];
  let n = value;
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
};
const bytesField = (num: number, payload: Buffer | string) => {
  const b = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
  return Buffer.from([...varint(num * 8 + 2), ...varint(b.length), ...b]);
};
const intField = (num: number, v: number) =>
  Buffer.from([...varint(num * 8), ...varint(v)]);
const msg = (...parts: Buffer[]) => Buffer.concat(parts);

function envelope(apiVersion: string, kind: string, raw: Buffer): Buffer {
  const typeMeta = msg(bytesField(1, apiVersion), bytesField(2, kind));
  return Buffer.concat([
    Buffer.from('k8s\0', 'binary'),
    msg(
      bytesField(1, typeMeta),
      bytesField(2, raw),
      bytesField(3, ''),
      bytesField(4, ''),
    ),
  ]);
}

describe('Kubernetes protobuf decoding', () => {
  it('decodes a Secret with maps, bytes and Go zero values dropped', () => {
    const meta = msg(
      bytesField(1, 'creds'),
      bytesField(2, ''),
      bytesField(3, 'ns'),
      intField(7, 0),
      bytesField(8, msg(intField(1, 0), intField(2, 0))),
    );
    const entry = msg(
      bytesField(1, 'password'),
      bytesField(2, Buffer.from('hunter2')),
    );
    const secret = msg(
      bytesField(1, meta),
      bytesField(2, entry),
      bytesField(3, 'Opaque'),
    );
    expect(decodeKubernetesProtobuf(envelope('v1', 'Secret', secret))).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'creds', namespace: 'ns' },
      data: { password: Buffer.from('hunter2').toString('base64') },
      type: 'Opaque',
    });
  });

  it('decodes nested messages, repeated fields, IntOrString, Quantity and kept zeros', () => {
    const container = msg(
      bytesField(1, 'web'),
      bytesField(2, 'nginx'),
      bytesField(3, 'sh'),
      bytesField(3, '-c'),
    );
    const podSpec = msg(bytesField(2, container), bytesField(3, 'Never'));
    const template = msg(bytesField(2, podSpec));
    const jobSpec = msg(intField(1, 0), bytesField(6, template));
    const job = decodeKubernetesProtobuf(
      envelope(
        'batch/v1',
        'Job',
        msg(bytesField(1, bytesField(1, 'j')), bytesField(2, jobSpec)),
      ),
    ) as any;
    expect(job.spec.parallelism).toBe(0);
    expect(job.spec.template.spec).toEqual({
      containers: [{ name: 'web', image: 'nginx', command: ['sh', '-c'] }],
      restartPolicy: 'Never',
    });
    const pdbSpec = msg(
      bytesField(1, msg(intField(1, 1), bytesField(3, '50%'))),
    );
    const pdb = decodeKubernetesProtobuf(
      envelope('policy/v1', 'PodDisruptionBudget', msg(bytesField(2, pdbSpec))),
    ) as any;
    expect(pdb.spec.minAvailable).toBe('50%');
  });

  it('refuses unknown kinds and bodies without the magic', () => {
    expect(() =>
      decodeKubernetesProtobuf(
        envelope('example.com/v1', 'Widget', Buffer.alloc(0)),
      ),
    ).toThrow('unknown format');
    expect(() => decodeKubernetesProtobuf(Buffer.from('{}'))).toThrow('magic');
  });
});
