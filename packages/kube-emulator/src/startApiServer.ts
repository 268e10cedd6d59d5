import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { promises as fs } from 'node:fs';
import type { KubeObject, UserInfo } from './types';
import { Store } from './store/Store';
import { ResourceRegistry } from './api/registry';
import { Core } from './core/Core';
import { GarbageCollector } from './core/gc';
import { NamespaceLifecycle } from './core/namespaceLifecycle';
import { CrdLifecycle } from './core/crdLifecycle';
import { bootstrap } from './core/bootstrap';
import { Authenticator, SUPERUSER_GROUP } from './server/auth';
import { RbacAuthorizer } from './server/rbac';
import { FaultInjector, FaultsApi } from './server/faults';
import { LogStore } from './server/logs';
import { WatchHub } from './server/watch';
import { Pager } from './server/paging';
import { requestListener } from './server/http';
import type { ServerDeps } from './server/context';
import {
  applyManifestObjects,
  applyManifestsDir,
  ApplyManifestsOptions,
  parseManifests,
} from './state/manifests';
import { loadSnapshot, SnapshotWriter } from './state/snapshot';
import { buildKubeConfig, kubeConfigYaml } from './kubeconfig';
import { randomToken } from './util/ids';
import { selfSignedCertificate } from './server/tls';

/** Options of {@link startApiServer}. */
export interface ApiServerOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind (default 127.0.0.1). */
  host?: string;
  /** Bearer tokens and who they authenticate as: a user name or a {@link UserInfo}. */
  tokens?: Record<string, string | UserInfo>;
  /** The superuser token (member of system:masters; also guards /_emulator). Random when omitted. */
  adminToken?: string;
  /** Accept requests without a token as `system:anonymous`. */
  anonymous?: boolean;
  /** Enforce RBAC (off by default: every authenticated request is allowed). */
  rbac?: boolean;
  /** Load state from this file at start and keep it written (debounced, and on close). */
  snapshotFile?: string;
  /** Debounce of snapshot writes in ms (default 250). */
  snapshotDebounceMs?: number;
  /** Server-side apply every YAML/JSON manifest in this directory at start. */
  manifestsDir?: string;
  /** Largest accepted request body (default 3 MiB, the API server's limit). */
  maxBodyBytes?: number;
  /** Watch events kept per resource for resuming watches (default 2000); older versions get 410. */
  watchCacheSize?: number;
  /** How long a list's continue token stays consistent (default 5 minutes, like etcd compaction). */
  continueTokenTtlMs?: number;
  /** Interval of BOOKMARK events on watches that allow them (default 60 s). */
  bookmarkIntervalMs?: number;
  /**
   * Serve HTTPS: `true` generates a self-signed certificate for the host (kubeconfigs then carry
   * it as their CA); or give a certificate and key (`ca` goes into kubeconfigs). kubectl only sends
   * bearer tokens over TLS, so kubectl use needs this; client-node works with either.
   */
  tls?:
    | boolean
    | { cert: string | Buffer; key: string | Buffer; ca?: string | Buffer };
}

/** A running emulator. */
export interface RunningApiServer {
  /** Base URL, e.g. `http://127.0.0.1:38291`. */
  url: string;
  port: number;
  host: string;
  /** The superuser token. */
  adminToken: string;
  /**
   * A kubeconfig (YAML, for `KubeConfig.loadFromString` or kubectl) authenticating as `user`:
   * a configured user name, `system:serviceaccount:<ns>:<name>`, or a {@link UserInfo}. A token is
   * minted for users that have none. Default: the superuser.
   */
  kubeConfig(user?: string | UserInfo): string;
  /** The same kubeconfig as an object. */
  kubeConfigObject(user?: string | UserInfo): Record<string, unknown>;
  /** Writes {@link RunningApiServer.kubeConfig} to a file (mode 0600). */
  writeKubeConfig(path: string, user?: string | UserInfo): Promise<void>;
  /** Registers another bearer token. */
  addToken(token: string, user: string | UserInfo): void;
  /** Fault injection. */
  faults: FaultsApi;
  /** Feeds container output to `pods/log` (and to followers). */
  appendPodLog(
    namespace: string,
    pod: string,
    container: string,
    text: string,
  ): void;
  /** Server-side applies (forced) multi-document YAML/JSON; returns the stored objects. */
  applyManifests(
    text: string,
    options?: ApplyManifestsOptions,
  ): Promise<KubeObject[]>;
  /** Forgets watch history and list snapshots, as an etcd compaction would (old versions now get 410). */
  compact(): void;
  /** Writes the snapshot file now (no-op without one). */
  saveSnapshot(): Promise<void>;
  /** Stops serving: ends watches, closes connections, writes the snapshot. */
  close(): Promise<void>;
}

function toUserInfo(u: string | UserInfo): UserInfo {
  return typeof u === 'string' ? { username: u } : u;
}

/** Starts the Kubernetes API emulator. */
export async function startApiServer(
  options: ApiServerOptions = {},
): Promise<RunningApiServer> {
  const host = options.host ?? '127.0.0.1';
  const store = new Store(options.watchCacheSize ?? 2000);
  const core = new Core(store, new ResourceRegistry());
  const adminToken = options.adminToken ?? randomToken();
  const tokens: Array<[string, UserInfo]> = Object.entries(
    options.tokens ?? {},
  ).map(([t, u]) => [t, toUserInfo(u)]);
  tokens.push([
    adminToken,
    { username: 'kubernetes-admin', groups: [SUPERUSER_GROUP] },
  ]);
  const auth = new Authenticator(tokens, !!options.anonymous);
  const logs = new LogStore();
  const watches = new WatchHub(store, options.bookmarkIntervalMs ?? 60000);
  const crds = new CrdLifecycle(core, key => watches.closeType(key));
  const gc = new GarbageCollector(core);
  const namespaces = new NamespaceLifecycle(core, (token, ns, sa) =>
    auth.add(token, { username: `system:serviceaccount:${ns}:${sa}` }),
  );

  if (options.snapshotFile)
    loadSnapshot(core, options.snapshotFile, () => crds.prime());
  crds.prime();
  gc.prime();
  namespaces.prime();
  store.subscribe(ev => {
    crds.onEvent(ev);
    gc.onEvent(ev);
    namespaces.onEvent(ev);
    if (ev.type === 'DELETED' && ev.typeKey === 'pods')
      logs.dropPod(
        ev.object.obj.metadata.namespace!,
        ev.object.obj.metadata.name!,
      );
  });
  bootstrap(core);
  const snapshots = options.snapshotFile
    ? new SnapshotWriter(
        core,
        options.snapshotFile,
        options.snapshotDebounceMs ?? 250,
      )
    : undefined;
  if (snapshots) store.subscribe(() => snapshots.changed());
  if (options.manifestsDir) await applyManifestsDir(core, options.manifestsDir);

  let address = '';
  const deps: ServerDeps = {
    core,
    auth,
    rbac: options.rbac ? new RbacAuthorizer(core) : undefined,
    faults: new FaultInjector(),
    logs,
    watches,
    pager: new Pager(store, options.continueTokenTtlMs ?? 5 * 60 * 1000),
    maxBodyBytes: options.maxBodyBytes ?? 3 * 1024 * 1024,
    address: () => address,
    adminTokens: new Set([adminToken]),
    bookmarkIntervalMs: options.bookmarkIntervalMs ?? 60000,
  };
  const listener = requestListener(deps);
  const tls =
    options.tls === true
      ? {
          ...selfSignedCertificate([host, '127.0.0.1', 'localhost', '::1']),
          ca: undefined,
        }
      : options.tls || undefined;
  const server = tls
    ? https.createServer({ cert: tls.cert, key: tls.key }, listener)
    : http.createServer(listener);
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  server.requestTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  address = `${host}:${port}`;
  const scheme = tls ? 'https' : 'http';
  const url = `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const ca = options.tls === true ? tls?.cert : tls?.ca;
  const caData = ca ? Buffer.from(ca).toString('base64') : undefined;

  const credentials = (user?: string | UserInfo) => {
    if (user === undefined)
      return { token: adminToken, username: 'kubernetes-admin' };
    const info = toUserInfo(user);
    let token =
      typeof user === 'string' ? auth.tokenFor(info.username) : undefined;
    if (!token) auth.add((token = randomToken()), info);
    return { token, username: info.username };
  };
  let closed = false;

  return {
    url,
    port,
    host,
    adminToken,
    kubeConfig: user =>
      kubeConfigYaml({ server: url, caData, ...credentials(user) }),
    kubeConfigObject: user =>
      buildKubeConfig({ server: url, caData, ...credentials(user) }),
    async writeKubeConfig(path, user) {
      await fs.writeFile(
        path,
        kubeConfigYaml({ server: url, caData, ...credentials(user) }),
        { mode: 0o600 },
      );
    },
    addToken: (token, user) => auth.add(token, toUserInfo(user)),
    faults: deps.faults,
    appendPodLog: (ns, pod, container, text) =>
      logs.append(ns, pod, container, text),
    applyManifests: async (text, opts) =>
      applyManifestObjects(core, parseManifests(text), opts),
    compact() {
      store.compact();
      deps.pager.expireAll();
    },
    saveSnapshot: async () => snapshots?.flush(),
    async close() {
      if (closed) return;
      closed = true;
      watches.closeAll();
      core.close();
      await new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await snapshots?.close();
    },
  };
}
