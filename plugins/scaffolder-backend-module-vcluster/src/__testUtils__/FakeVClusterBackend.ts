import type {
  VCluster,
  VClusterPhase,
  VClusterPortalConfig,
} from '@hatchway/plugin-vcluster-common';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake backend received. */
export interface RecordedRequest {
  method: string;
  path: string;
  body?: any;
  authorization?: string;
}

const config: VClusterPortalConfig = {
  hostClusters: ['emulator'],
  defaultCluster: 'emulator',
  sizes: [
    { name: 'small', defaultTtlHours: 8, maxTtlHours: 72 },
    { name: 'medium', defaultTtlHours: 8, maxTtlHours: 24 },
  ],
  defaultSize: 'small',
  nameMaxLength: 52,
};

/**
 * A real HTTP server playing the vCluster backend's REST contract (under `/api/vcluster`), so
 * the actions are tested through the real client, URLs, headers and error bodies. It records
 * every request; `phasesAfterCreate` scripts what successive GETs of a vCluster report.
 */
export class FakeVClusterBackend {
  readonly requests: RecordedRequest[] = [];
  readonly clusters = new Map<string, VCluster>();
  /** Phases (and reasons) successive GETs report, per name; the last one sticks. */
  readonly scriptedPhases = new Map<
    string,
    Array<{ phase: VClusterPhase; reason?: string }>
  >();
  private server?: http.Server;
  private baseUrl = '';

  /** Starts listening with no vClusters and no recorded requests. */
  async start(): Promise<void> {
    this.requests.length = 0;
    this.clusters.clear();
    this.scriptedPhases.clear();
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>(resolve =>
      this.server!.listen(0, '127.0.0.1', resolve),
    );
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}/api/vcluster`;
  }

  async stop(): Promise<void> {
    await new Promise(resolve => this.server?.close(resolve));
  }

  /**
   * A discovery service that points the client at this server; the external URL is the one a
   * user's browser would use.
   */
  discovery() {
    return {
      getBaseUrl: async () => this.baseUrl,
      getExternalBaseUrl: async () => 'https://portal.example.com/api/vcluster',
    };
  }

  /** Requests that would change state (anything but GET). */
  mutations(): RecordedRequest[] {
    return this.requests.filter(r => r.method !== 'GET');
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url!, 'http://fake');
    const path = url.pathname.replace(/^\/api\/vcluster/, '');
    this.requests.push({
      method: req.method!,
      path,
      body: text ? JSON.parse(text) : undefined,
      authorization: req.headers.authorization,
    });
    const send = (status: number, body?: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    const fail = (status: number, name: string, message: string) =>
      send(status, { error: { name, message } });

    if (req.method === 'GET' && path === '/config') return send(200, config);
    if (req.method === 'POST' && path === '/clusters') {
      const body = JSON.parse(text);
      if (this.clusters.has(body.name)) {
        return fail(
          409,
          'ConflictError',
          `vCluster ${body.name} already exists`,
        );
      }
      if (body.size === 'large') {
        return fail(
          429,
          'QuotaExceededError',
          'Quota "clusters per user" of 2 exceeded',
        );
      }
      const vcluster = newVCluster(body);
      this.clusters.set(vcluster.name, vcluster);
      return send(202, vcluster);
    }
    const name = decodeURIComponent(path.split('/')[2] ?? '');
    const vcluster = this.clusters.get(name);
    if (!vcluster) return fail(404, 'NotFoundError', `No vCluster ${name}`);
    if (req.method === 'GET' && path === `/clusters/${name}`) {
      const script = this.scriptedPhases.get(name);
      const next = script && script.length > 1 ? script.shift() : script?.[0];
      if (next) Object.assign(vcluster, { reason: undefined }, next);
      return send(200, vcluster);
    }
    if (req.method === 'DELETE' && path === `/clusters/${name}`) {
      vcluster.phase = 'Deleting';
      return send(202, vcluster);
    }
    return fail(404, 'NotFoundError', `No route ${req.method} ${path}`);
  }
}

function newVCluster(body: {
  name: string;
  size: string;
  owner?: string;
  cluster?: string;
}): VCluster {
  const now = new Date().toISOString();
  return {
    name: body.name,
    cluster: body.cluster ?? 'emulator',
    namespace: `vcluster-${body.name}`,
    owner: body.owner ?? 'user:default/caller',
    size: body.size,
    phase: 'Provisioning',
    createdAt: now,
    expiresAt: now,
    entityRef: `resource:default/vcluster-${body.name}`,
  };
}
