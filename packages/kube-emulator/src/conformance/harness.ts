import {
  ApiException,
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
  RbacAuthorizationV1Api,
  AuthorizationV1Api,
  ApiextensionsV1Api,
  setHeaderOptions,
  V1Deployment,
} from '@kubernetes/client-node';
import {
  startApiServer,
  ApiServerOptions,
  RunningApiServer,
} from '../startApiServer';
import type { UserInfo } from '../types';

/** Typed clients of one user against a test server. */
export interface Clients {
  kc: KubeConfig;
  core: CoreV1Api;
  apps: AppsV1Api;
  batch: BatchV1Api;
  rbac: RbacAuthorizationV1Api;
  authz: AuthorizationV1Api;
  ext: ApiextensionsV1Api;
  custom: CustomObjectsApi;
  objects: KubernetesObjectApi;
}

/** Clients for a user of the server (default: the superuser). */
export function clientsFor(
  server: RunningApiServer,
  user?: string | UserInfo,
): Clients {
  const kc = new KubeConfig();
  kc.loadFromString(server.kubeConfig(user));
  return {
    kc,
    core: kc.makeApiClient(CoreV1Api),
    apps: kc.makeApiClient(AppsV1Api),
    batch: kc.makeApiClient(BatchV1Api),
    rbac: kc.makeApiClient(RbacAuthorizationV1Api),
    authz: kc.makeApiClient(AuthorizationV1Api),
    ext: kc.makeApiClient(ApiextensionsV1Api),
    custom: kc.makeApiClient(CustomObjectsApi),
    objects: KubernetesObjectApi.makeApiClient(kc),
  };
}

/** Starts a server on an ephemeral port for one test file; call the returned `close` in afterAll. */
export async function startTestServer(
  options: ApiServerOptions = {},
): Promise<{ server: RunningApiServer } & Clients> {
  const server = await startApiServer({ port: 0, ...options });
  return { server, ...clientsFor(server) };
}

/**
 * Starts a server before the tests of the enclosing describe and closes it after them;
 * the returned server and clients are filled in by beforeAll.
 */
export function useTestServer(
  options: ApiServerOptions = {},
): { server: RunningApiServer } & Clients {
  const t = {} as { server: RunningApiServer } & Clients;
  beforeAll(async () => {
    Object.assign(t, await startTestServer(options));
  });
  afterAll(() => t.server.close());
  return t;
}

/** The verbs discovery lists for a resource that supports every standard verb, in the API server's order. */
export const ALL_VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

/** Awaits a request that must fail; returns the parsed Status body after checking the HTTP code. */
export async function expectStatus(
  request: Promise<unknown>,
  code: number,
): Promise<any> {
  try {
    await request;
  } catch (e) {
    if (!(e instanceof ApiException)) throw e;
    expect(e.code).toBe(code);
    const body = e.body as unknown;
    return typeof body === 'string' && body ? JSON.parse(body) : body;
  }
  throw new Error(
    `expected the request to fail with ${code}, but it succeeded`,
  );
}

/** Polls until `check` returns a truthy value (or throws after the timeout). */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v as T;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline)
      throw new Error(
        `condition not met within ${timeoutMs} ms${
          last ? `: ${String(last)}` : ''
        }`,
      );
    await new Promise(r => setTimeout(r, 20));
  }
}

/** A minimal valid pod. */
export function pod(name: string, extra: Record<string, any> = {}): any {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, ...(extra.metadata ?? {}) },
    spec: {
      containers: [{ name: 'app', image: 'nginx:1.27' }],
      ...(extra.spec ?? {}),
    },
  };
}

/** Raw HTTP against the server with the admin token (for what typed clients cannot express). */
export async function raw(
  server: RunningApiServer,
  path: string,
  init: {
    method?: string;
    body?: string | Buffer;
    headers?: Record<string, string>;
    token?: string | null;
  } = {},
): Promise<{ status: number; headers: Headers; text: string; json: any }> {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (init.token !== null)
    headers.authorization = `Bearer ${init.token ?? server.adminToken}`;
  const res = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    body: init.body,
    headers,
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Request options that send a patch body with this content type. */
export const as = (type: string) => setHeaderOptions('Content-Type', type);

/** A Deployment with two containers, env, ports and a volume: material for patch tests. */
export const deployment = (name: string): V1Deployment => ({
  metadata: { name, labels: { app: name } },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'nginx:1.27',
            env: [{ name: 'A', value: '1' }],
            ports: [{ containerPort: 80 }],
          },
          {
            name: 'sidecar',
            image: 'busybox:1',
            volumeMounts: [{ name: 'data', mountPath: '/data' }],
          },
        ],
        volumes: [{ name: 'data', emptyDir: {} }],
      },
    },
  },
});
