/*
 * The live re-scoring benchmark's cluster: syntheticCluster.ts without its custom resources and
 * ServiceAccounts, applied to the emulator (in a child process) as `kubectl apply` leaves it.
 */
import { startApiServer } from '@hatchway/kube-emulator';
import { syntheticCluster } from '../syntheticCluster';

/** The token the backend under test reads the emulator with. */
export const TOKEN = 'test-token';
/** The label giving each Deployment its catalog entity. */
export const ID_LABEL = 'backstage.io/kubernetes-id';
const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);
const SKIPPED_KINDS = new Set([
  'ServiceAccount',
  'ExternalSecret',
  'Certificate',
  'PolicyReport',
]);

/** The objects to apply, owners' uids left to the API server, Deployments with an entity id. */
function manifests(
  workloads: number,
  pods: number,
): Array<Record<string, any>> {
  const objects = syntheticCluster(workloads, pods).objects as Array<
    Record<string, any>
  >;
  return objects
    .filter(o => !SKIPPED_KINDS.has(o.kind))
    .map(o => {
      const { uid: _uid, ...metadata } = o.metadata;
      const object: Record<string, any> = { ...o, metadata };
      if (o.kind === 'Deployment') {
        const id = `${metadata.namespace}-${metadata.name}`;
        object.metadata = {
          ...metadata,
          labels: { ...metadata.labels, [ID_LABEL]: id },
        };
      }
      if (WORKLOAD_KINDS.has(o.kind)) {
        object.metadata.annotations = {
          ...object.metadata.annotations,
          'kubectl.kubernetes.io/last-applied-configuration':
            JSON.stringify(object),
        };
      }
      return object;
    });
}

/** Child: the emulator, seeded owners first so that its garbage collector keeps what they own. */
export async function serve(workloads: number, pods: number) {
  const server = await startApiServer({ tokens: { [TOKEN]: 'bench' } });
  const started = performance.now();
  let pending = manifests(workloads, pods);
  const uids = new Map<string, string>();
  const key = (kind: string, ns: string | undefined, name: string) =>
    `${kind}/${ns ?? ''}/${name}`;
  let applied = 0;
  while (pending.length) {
    const ready = pending.filter(o =>
      (o.metadata.ownerReferences ?? []).every((r: any) =>
        uids.has(key(r.kind, o.metadata.namespace, r.name)),
      ),
    );
    if (!ready.length) throw new Error('owners missing');
    pending = pending.filter(o => !ready.includes(o));
    for (let i = 0; i < ready.length; i += 2000) {
      const docs = ready.slice(i, i + 2000).map(o => {
        const refs = o.metadata.ownerReferences?.map((r: any) => ({
          ...r,
          uid: uids.get(key(r.kind, o.metadata.namespace, r.name)),
        }));
        return JSON.stringify(
          refs
            ? { ...o, metadata: { ...o.metadata, ownerReferences: refs } }
            : o,
        );
      });
      for (const stored of await server.applyManifests(docs.join('\n---\n'))) {
        const m = stored.metadata!;
        uids.set(key(stored.kind!, m.namespace, m.name!), m.uid!);
        applied++;
      }
    }
  }
  process.send!({
    url: server.url,
    objects: applied,
    seedMs: performance.now() - started,
  });
}
