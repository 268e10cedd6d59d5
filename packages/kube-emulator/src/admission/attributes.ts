import type { KubeObject } from '../types';

/** What admission knows of a write (the API server's admission.Attributes). */
export interface AdmissionAttributes {
  operation: 'CREATE' | 'UPDATE' | 'DELETE';
  group: string;
  version: string;
  /** Plural resource name, e.g. `namespaces`. */
  resource: string;
  subresource: string;
  kind: string;
  /** For a namespace itself, its own name (as the API server sets it). */
  namespace: string;
  name: string;
  /** The new object (null on DELETE). */
  object: KubeObject | null;
  /** The stored object (null on CREATE). */
  oldObject: KubeObject | null;
  user: { username: string; groups: string[] };
  dryRun: boolean;
}

/** The `request` variable: an admission.k8s.io/v1 AdmissionRequest as JSON (empty fields omitted). */
export function admissionRequest(
  a: AdmissionAttributes,
): Record<string, unknown> {
  const kind = { group: a.group, version: a.version, kind: a.kind };
  const resource = {
    group: a.group,
    version: a.version,
    resource: a.resource,
  };
  const req: Record<string, unknown> = {
    uid: '',
    kind,
    resource,
    requestKind: kind,
    requestResource: resource,
    operation: a.operation,
    userInfo: { username: a.user.username, groups: a.user.groups },
    dryRun: a.dryRun,
  };
  if (a.subresource) {
    req.subResource = a.subresource;
    req.requestSubResource = a.subresource;
  }
  if (a.name) req.name = a.name;
  if (a.namespace) req.namespace = a.namespace;
  return req;
}

/** The `namespaceObject` variable: the request's namespace with the fields the API server exposes. */
export function namespaceObject(ns: KubeObject | undefined) {
  if (!ns) return null;
  const keep = [
    'name',
    'generateName',
    'namespace',
    'uid',
    'resourceVersion',
    'generation',
    'creationTimestamp',
    'deletionTimestamp',
    'deletionGracePeriodSeconds',
    'labels',
    'annotations',
    'finalizers',
  ];
  const metadata: Record<string, unknown> = {};
  for (const k of keep)
    if (ns.metadata[k] !== undefined) metadata[k] = ns.metadata[k];
  return { metadata, spec: ns.spec ?? {}, status: ns.status ?? {} };
}
