import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  vclusterAuditAdminPermission,
  vclusterCreatePermission,
  vclusterDeletePermission,
  vclusterKubeconfigPermission,
  vclusterReadPermission,
  vclusterUpdatePermission,
} from '@hatchway/plugin-vcluster-common';
import { NotAllowedError } from '@backstage/errors';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { DatabaseAuditRepository } from '../database/DatabaseAuditRepository';
import { DatabaseClusterRepository } from '../database/DatabaseClusterRepository';
import { rowToVCluster } from '../database/rows';
import { ClusterConnections } from '../kubernetes/ClusterConnections';
import { KUBERNETES_PLUGIN_SUBJECT } from '../kubernetes/types';
import { Caller, ClusterCommands } from '../service/ClusterCommands';
import { ClusterQueries } from '../service/ClusterQueries';
import { KubeconfigDownloads } from '../service/KubeconfigDownloads';
import { actorOf, Clock } from '../service/types';
import { createAuthorize } from './authorize';
import {
  createClusterSchema,
  decodeCursor,
  encodeCursor,
  extendTtlSchema,
  listAuditSchema,
  listClustersSchema,
  parse,
} from './schemas';

/** The `/api/vcluster` routes: validate, authorize, delegate. */
export async function createRouter(deps: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  userInfo: UserInfoService;
  clusters: DatabaseClusterRepository;
  audit: DatabaseAuditRepository;
  commands: ClusterCommands;
  queries: ClusterQueries;
  kubeconfigs: KubeconfigDownloads;
  connections: ClusterConnections;
  clock: Clock;
}): Promise<express.Router> {
  const { commands, queries, clock } = deps;
  const authorize = createAuthorize(deps.httpAuth, deps.permissions, name =>
    deps.clusters.get(name),
  );
  const callerOf = async (
    req: Request,
    credentials: BackstageCredentials,
    requestedOwner?: string,
  ): Promise<Caller> => {
    const actor = actorOf(credentials);
    // A service (e.g. a scaffolder task without a user) is trusted with the owner it names.
    const isUser = (credentials.principal as { type: string }).type === 'user';
    const ownershipRefs = isUser
      ? [
          actor,
          ...(await deps.userInfo.getUserInfo(credentials)).ownershipEntityRefs,
        ]
      : [requestedOwner ?? actor];
    return { actor, ownershipRefs, request: req };
  };

  const router = Router();
  router.use(express.json());

  router.get('/config', async (req, res) => {
    await deps.httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(queries.portalConfig());
  });

  router.get('/clusters', async (req, res) => {
    const query = parse(listClustersSchema, req.query);
    const owners = await authorize.readableOwners(req);
    res.json(
      await queries.list(
        {
          owner: query.owner,
          cluster: query.cluster,
          phase: query.phase,
          owners,
        },
        { limit: query.limit, after: decodeCursor(query.cursor) },
        encodeCursor,
      ),
    );
  });

  router.post('/clusters', async (req, res) => {
    const credentials = await authorize.basic(req, vclusterCreatePermission);
    const body = parse(createClusterSchema, req.body);
    const caller = await callerOf(req, credentials, body.owner);
    res.status(202).json(await commands.create(body, caller));
  });

  router.get('/clusters/:name', async (req, res) => {
    const { row } = await authorize.cluster(
      req,
      vclusterReadPermission,
      req.params.name,
    );
    res.json(rowToVCluster(row, clock()));
  });

  router.delete('/clusters/:name', async (req, res) => {
    const { credentials, row } = await authorize.cluster(
      req,
      vclusterDeletePermission,
      req.params.name,
    );
    await commands.delete(row, await callerOf(req, credentials));
    res.status(202).json(rowToVCluster({ ...row, phase: 'Deleting' }, clock()));
  });

  for (const action of ['sleep', 'wake'] as const) {
    router.post(`/clusters/:name/${action}`, async (req, res) => {
      const { credentials, row } = await authorize.cluster(
        req,
        vclusterUpdatePermission,
        req.params.name,
      );
      await commands[action](row, await callerOf(req, credentials));
      res.status(202).json(rowToVCluster(row, clock()));
    });
  }

  router.post('/clusters/:name/ttl', async (req, res) => {
    const { ttlHours } = parse(extendTtlSchema, req.body);
    const { credentials, row } = await authorize.cluster(
      req,
      vclusterUpdatePermission,
      req.params.name,
    );
    res.json(
      await commands.extendTtl(row, ttlHours, await callerOf(req, credentials)),
    );
  });

  router.get('/clusters/:name/kubeconfig', async (req, res) => {
    const { credentials, row } = await authorize.cluster(
      req,
      vclusterKubeconfigPermission,
      req.params.name,
    );
    const yaml = await deps.kubeconfigs.download(
      row,
      await callerOf(req, credentials),
    );
    res
      .status(200)
      .set({
        'Content-Type': 'application/yaml; charset=utf-8',
        'Content-Disposition': `attachment; filename="${row.name}.kubeconfig.yaml"`,
        'Cache-Control': 'no-store',
      })
      .send(yaml);
  });

  // Credentials of every Ready vCluster, for the Kubernetes plugin's cluster supplier
  // (kubernetesModuleVClusterClusters) and for no one else: not users, not other plugins.
  router.get('/kubernetes/clusters', async (req, res) => {
    const credentials = await deps.httpAuth.credentials(req, {
      allow: ['service'],
    });
    if (credentials.principal.subject !== KUBERNETES_PLUGIN_SUBJECT) {
      throw new NotAllowedError(
        `Only ${KUBERNETES_PLUGIN_SUBJECT} may read vCluster connections`,
      );
    }
    res
      .set('Cache-Control', 'no-store')
      .json({ items: await deps.connections.list() });
  });

  router.get('/audit', async (req, res) => {
    await authorize.basic(req, vclusterAuditAdminPermission);
    const query = parse(listAuditSchema, req.query);
    res.json({ items: await deps.audit.list(query) });
  });

  router.get('/usage', async (req, res) => {
    await authorize.basic(req, vclusterAuditAdminPermission);
    res.json(await queries.usage());
  });

  return router;
}
