import { ResponseError } from '@backstage/errors';
import type {
  CreateVClusterRequest,
  ListVClustersQuery,
  VCluster,
} from '@hatchway/plugin-vcluster-common';
import type { VClusterApi } from '../api/VClusterApi';
import { portalConfig, vcluster } from './fixtures';

/** A ResponseError as the client throws it for `{ error: { name, message } }`. */
export async function responseError(
  status: number,
  message: string,
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'Error', message },
        response: { statusCode: status },
      }),
      {
        status,
        statusText: 'Error',
        headers: { 'Content-Type': 'application/json' },
      },
    ) as any,
  );
}

/**
 * An in-memory vCluster backend at the client boundary. Every method is a jest mock so tests
 * can inspect calls or make one fail; `list` filters by owner as the backend does.
 */
export class FakeVClusterApi implements VClusterApi {
  clusters: VCluster[];

  constructor(clusters: VCluster[] = [vcluster()]) {
    this.clusters = clusters;
  }

  list = jest.fn(async (query: ListVClustersQuery = {}) => {
    const items = this.clusters.filter(
      c => !query.owner || c.owner === query.owner,
    );
    return { items, totalCount: items.length };
  });

  get = jest.fn(async (name: string) => {
    const found = this.clusters.find(c => c.name === name);
    if (!found) throw await responseError(404, `No vCluster ${name}`);
    return found;
  });

  create = jest.fn(async (request: CreateVClusterRequest) => {
    const created = vcluster({
      name: request.name,
      size: request.size,
      owner: request.owner ?? 'user:default/guest',
      phase: 'Provisioning',
    });
    this.clusters = [...this.clusters, created];
    return created;
  });

  delete = jest.fn(async (name: string) => this.setPhase(name, 'Deleting'));
  sleep = jest.fn(async (name: string) => this.setPhase(name, 'Sleeping'));
  wake = jest.fn(async (name: string) => this.setPhase(name, 'Ready'));

  extendTtl = jest.fn(async (name: string, ttlHours: number) => {
    const expiresAt = new Date(Date.now() + ttlHours * 3_600_000).toISOString();
    this.clusters = this.clusters.map(c =>
      c.name === name ? { ...c, expiresAt } : c,
    );
    return this.clusters.find(c => c.name === name)!;
  });

  downloadKubeconfig = jest.fn(
    async (name: string) => `apiVersion: v1\nkind: Config\n# ${name}\n`,
  );

  getConfig = jest.fn(async () => portalConfig);

  private setPhase(name: string, phase: VCluster['phase']) {
    this.clusters = this.clusters.map(c =>
      c.name === name ? { ...c, phase } : c,
    );
  }
}
