import type { IncomingMessage } from 'node:http';
import type { ResourceType } from '../api/resourceType';
import type { StoredObject } from '../store/Store';
import type { KubeObject } from '../types';

/** Whether the client asked for server-side printing (`Accept: ...;as=Table;...`), as kubectl get does. */
export function wantsTable(req: IncomingMessage): boolean {
  return /as=Table/.test(String(req.headers.accept ?? ''));
}

/** duration.HumanDuration, the age format of kubectl tables. */
export function humanDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 0) return '0s';
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (d < 8) return h % 24 === 0 ? `${d}d` : `${d}d${h % 24}h`;
  return `${d}d`;
}

type Column = [
  name: string,
  type: string,
  cell: (o: KubeObject) => unknown,
  priority?: number,
];

const age = (o: KubeObject) =>
  o.metadata.creationTimestamp
    ? humanDuration(Date.now() - Date.parse(o.metadata.creationTimestamp))
    : '<unknown>';
const NAME: Column = ['Name', 'string', o => o.metadata.name];
const AGE: Column = ['Age', 'string', age];
const count = (v: unknown) =>
  v && typeof v === 'object' ? Object.keys(v).length : 0;

function podStatus(o: KubeObject): string {
  if (o.metadata.deletionTimestamp) return 'Terminating';
  const waiting = (o.status?.containerStatuses ?? []).find(
    (c: any) => c.state?.waiting?.reason,
  );
  if (waiting) return waiting.state.waiting.reason;
  return o.status?.reason ?? o.status?.phase ?? 'Pending';
}

const COLUMNS: Record<string, Column[]> = {
  pods: [
    NAME,
    [
      'Ready',
      'string',
      o =>
        `${
          (o.status?.containerStatuses ?? []).filter((c: any) => c.ready).length
        }/${(o.spec?.containers ?? []).length}`,
    ],
    ['Status', 'string', podStatus],
    [
      'Restarts',
      'string',
      o =>
        String(
          (o.status?.containerStatuses ?? []).reduce(
            (n: number, c: any) => n + (c.restartCount ?? 0),
            0,
          ),
        ),
    ],
    AGE,
    ['IP', 'string', o => o.status?.podIP ?? '<none>', 1],
    ['Node', 'string', o => o.spec?.nodeName ?? '<none>', 1],
  ],
  deployments: [
    NAME,
    [
      'Ready',
      'string',
      o => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`,
    ],
    ['Up-to-date', 'integer', o => o.status?.updatedReplicas ?? 0],
    ['Available', 'integer', o => o.status?.availableReplicas ?? 0],
    AGE,
  ],
  replicasets: [
    NAME,
    ['Desired', 'integer', o => o.spec?.replicas ?? 0],
    ['Current', 'integer', o => o.status?.replicas ?? 0],
    ['Ready', 'integer', o => o.status?.readyReplicas ?? 0],
    AGE,
  ],
  statefulsets: [
    NAME,
    [
      'Ready',
      'string',
      o => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`,
    ],
    AGE,
  ],
  services: [
    NAME,
    ['Type', 'string', o => o.spec?.type],
    ['Cluster-IP', 'string', o => o.spec?.clusterIP ?? '<none>'],
    [
      'External-IP',
      'string',
      o => (o.spec?.externalIPs ?? []).join(',') || '<none>',
    ],
    [
      'Port(s)',
      'string',
      o =>
        (o.spec?.ports ?? [])
          .map(
            (p: any) =>
              `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${
                p.protocol ?? 'TCP'
              }`,
          )
          .join(',') || '<none>',
    ],
    AGE,
  ],
  namespaces: [NAME, ['Status', 'string', o => o.status?.phase], AGE],
  jobs: [
    NAME,
    [
      'Status',
      'string',
      o =>
        (o.status?.conditions ?? []).find(
          (c: any) =>
            c.status === 'True' && ['Complete', 'Failed'].includes(c.type),
        )?.type ?? (o.spec?.suspend ? 'Suspended' : 'Running'),
    ],
    [
      'Completions',
      'string',
      o => `${o.status?.succeeded ?? 0}/${o.spec?.completions ?? 1}`,
    ],
    AGE,
  ],
  configmaps: [
    NAME,
    ['Data', 'integer', o => count(o.data) + count(o.binaryData)],
    AGE,
  ],
  secrets: [
    NAME,
    ['Type', 'string', o => o.type],
    ['Data', 'integer', o => count(o.data)],
    AGE,
  ],
  nodes: [
    NAME,
    [
      'Status',
      'string',
      o =>
        (o.status?.conditions ?? []).find((c: any) => c.type === 'Ready')
          ?.status === 'True'
          ? 'Ready'
          : 'NotReady',
    ],
    AGE,
  ],
  events: [
    [
      'Last Seen',
      'string',
      o =>
        o.lastTimestamp
          ? humanDuration(Date.now() - Date.parse(o.lastTimestamp))
          : age(o),
    ],
    ['Type', 'string', o => o.type],
    ['Reason', 'string', o => o.reason],
    [
      'Object',
      'string',
      o =>
        `${String(o.involvedObject?.kind ?? '').toLowerCase()}/${
          o.involvedObject?.name ?? ''
        }`,
    ],
    ['Message', 'string', o => o.message],
  ],
};

function rowObject(so: StoredObject, includeObject: string | null): unknown {
  if (includeObject === 'Object') return so.obj;
  if (includeObject === 'None') return undefined;
  return {
    kind: 'PartialObjectMetadata',
    apiVersion: 'meta.k8s.io/v1',
    metadata: so.obj.metadata,
  };
}

/** A meta.k8s.io/v1 Table for kubectl's default output. */
export function renderTable(
  rt: ResourceType,
  items: StoredObject[],
  resourceVersion: string,
  includeObject: string | null,
): object {
  const columns = rt.custom ? [NAME, AGE] : COLUMNS[rt.plural] ?? [NAME, AGE];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: columns.map(([name, type, , priority]) => ({
      name,
      type,
      format: name === 'Name' ? 'name' : '',
      description: '',
      priority: priority ?? 0,
    })),
    rows: items.map(so => ({
      cells: columns.map(c => c[2](so.obj) ?? ''),
      object: rowObject(so, includeObject),
    })),
  };
}
