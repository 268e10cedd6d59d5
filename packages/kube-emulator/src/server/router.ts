/**
 * Parses request paths the way the API server's RequestInfoFactory does: resource requests
 * (`/api/v1/namespaces/ns/pods/name/log`) versus everything else (discovery, health, ...).
 */

/** A request for a resource. */
export interface ResourceRequestInfo {
  isResource: true;
  group: string;
  version: string;
  /** Resource (plural) name. */
  resource: string;
  namespace: string;
  name: string;
  subresource: string;
  /** Kubernetes verb: get, list, watch, create, update, patch, delete, deletecollection. */
  verb: string;
}

/** Any other request. */
export interface NonResourceRequestInfo {
  isResource: false;
  path: string;
  verb: string;
}

export type RequestInfo = ResourceRequestInfo | NonResourceRequestInfo;

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

function isWatchParam(v: string | null): boolean {
  return v === '1' || v === 'true';
}

function nonResource(path: string, method: string): NonResourceRequestInfo {
  const verb =
    {
      GET: 'get',
      HEAD: 'head',
      POST: 'post',
      PUT: 'put',
      PATCH: 'patch',
      DELETE: 'delete',
    }[method] ?? method.toLowerCase();
  return { isResource: false, path, verb };
}

/** Classifies a request; resource paths with too many segments are non-resource (404 later). */
export function parseRequestInfo(
  method: string,
  path: string,
  query: URLSearchParams,
): RequestInfo {
  let segments: string[];
  try {
    segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return nonResource(path, method);
  }
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === 'api' && segments.length >= 3) {
    group = '';
    version = segments[1];
    rest = segments.slice(2);
  } else if (segments[0] === 'apis' && segments.length >= 4) {
    group = segments[1];
    version = segments[2];
    rest = segments.slice(3);
  } else {
    return nonResource(path, method);
  }
  let watch = isWatchParam(query.get('watch'));
  if (rest[0] === 'watch') {
    watch = true;
    rest = rest.slice(1);
  }
  let namespace = '';
  if (
    rest[0] === 'namespaces' &&
    rest.length >= 3 &&
    !(rest.length === 3 && NAMESPACE_SUBRESOURCES.has(rest[2]))
  ) {
    namespace = rest[1];
    rest = rest.slice(2);
  } else if (rest[0] === 'namespaces' && rest.length >= 2) {
    // /api/v1/namespaces/{name}[/status|/finalize]: the namespace itself, which is its own namespace.
    namespace = rest[1];
  }
  if (rest.length === 0 || rest.length > 3) return nonResource(path, method);
  const [resource, name = '', subresource = ''] = rest;
  let verb: string;
  switch (method) {
    case 'GET':
    case 'HEAD':
      if (watch) verb = 'watch';
      else verb = name ? 'get' : 'list';
      break;
    case 'POST':
      verb = 'create';
      break;
    case 'PUT':
      verb = 'update';
      break;
    case 'PATCH':
      verb = 'patch';
      break;
    case 'DELETE':
      verb = name ? 'delete' : 'deletecollection';
      break;
    default:
      verb = method.toLowerCase();
  }
  return {
    isResource: true,
    group,
    version,
    resource,
    namespace,
    name,
    subresource,
    verb,
  };
}
