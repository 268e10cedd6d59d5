import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  readinessExemptionCreatePermission,
  readinessExemptionDeletePermission,
  readinessResultsReadPermission,
} from '@hatchway/plugin-readiness-common';
import express from 'express';
import Router from 'express-promise-router';
import {
  ExemptionService,
  ExportService,
  ReadinessQueryService,
  ScanService,
} from '../service/types';
import { createAuthorize } from './authorize';
import { platformRoutes, PlatformQueryService } from './platformRoutes';
import { podSecurityRoutes, PodSecurityQueryService } from '../podSecurity';
import {
  auditQuery,
  createExemptionBody,
  entityParams,
  entityQuery,
  exemptionParams,
  exportQuery,
  findingsQuery,
  parse,
  scanQuery,
  summaryQuery,
} from './schemas';

/**
 * The readiness API. Handlers validate, authorize and delegate; errors thrown here become JSON
 * responses (400, 403, 404) in the framework's error middleware.
 * @internal
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  queries: ReadinessQueryService;
  exemptions: ExemptionService;
  scans: ScanService;
  exports: ExportService;
  platform: PlatformQueryService;
  podSecurity: PodSecurityQueryService;
}): Promise<express.Router> {
  const { queries, exemptions, scans, exports } = options;
  const authorize = createAuthorize(options.httpAuth, options.permissions);
  const read = (req: express.Request) =>
    authorize(req, readinessResultsReadPermission, ['user', 'service']);

  const router = Router();
  router.use(express.json());

  router.get('/clusters', async (req, res) => {
    await read(req);
    res.json(await queries.clusters());
  });

  router.get('/summary', async (req, res) => {
    const query = parse(summaryQuery, req.query, 'summary query');
    await read(req);
    res.json(await queries.summary(query));
  });

  router.get('/entities/:kind/:namespace/:name', async (req, res) => {
    const params = parse(entityParams, req.params, 'entity');
    const { days } = parse(entityQuery, req.query, 'entity query');
    await read(req);
    const entity = await queries.entity({ ...params, days });
    const podSecurity = await options.podSecurity.entity(entity.entityRef);
    res.json({ ...entity, ...(podSecurity && { podSecurity }) });
  });

  router.get('/findings', async (req, res) => {
    const query = parse(findingsQuery, req.query, 'findings query');
    await read(req);
    res.json(await queries.findings(query));
  });

  router.get('/checks', async (req, res) => {
    await read(req);
    res.json(queries.checks());
  });

  router.get('/exemptions', async (req, res) => {
    await read(req);
    res.json(await exemptions.list());
  });

  router.get('/exemptions/:id', async (req, res) => {
    const { id } = parse(exemptionParams, req.params, 'exemption id');
    await read(req);
    res.json(await exemptions.get(id));
  });

  router.post('/exemptions', async (req, res) => {
    const credentials = await authorize(
      req,
      readinessExemptionCreatePermission,
      ['user'],
    );
    const body = parse(createExemptionBody, req.body, 'exemption');
    res.status(201).json(await exemptions.create(body, { credentials }));
  });

  router.delete('/exemptions/:id', async (req, res) => {
    const { id } = parse(exemptionParams, req.params, 'exemption id');
    const credentials = await authorize(
      req,
      readinessExemptionDeletePermission,
      ['user'],
    );
    await exemptions.delete(id, { credentials });
    res.status(204).end();
  });

  router.get('/audit', async (req, res) => {
    const query = parse(auditQuery, req.query, 'audit query');
    await read(req);
    res.json(await exemptions.audit(query));
  });

  router.post('/scans', async (req, res) => {
    const { cluster } = parse(scanQuery, req.query, 'scan query');
    // Running a scan costs the cluster's API server a full listing: as much trust as an exemption.
    await authorize(req, readinessExemptionCreatePermission, [
      'user',
      'service',
    ]);
    res.json({ scan: await scans.scan(cluster) });
  });

  router.get('/export', async (req, res) => {
    const { format, ...query } = parse(exportQuery, req.query, 'export query');
    await read(req);
    const rendered = await exports.export(format, query);
    // attachment() guesses a type from the file name; the explicit one is set after it.
    res
      .attachment(rendered.filename)
      .type(rendered.contentType)
      .send(rendered.body);
  });

  router.use(platformRoutes({ authorize, platform: options.platform }));
  router.use(
    podSecurityRoutes({ authorize, podSecurity: options.podSecurity }),
  );

  return router;
}
