import { stringifyEntityRef } from '@backstage/catalog-model';
import { readinessResultsReadPermission } from '@hatchway/plugin-readiness-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { PlatformQueryService } from '../service/DefaultPlatformService';
import { Authorize } from './authorize';
import { entityParams, parse } from './schemas';

export type { PlatformQueryService } from '../service/DefaultPlatformService';

const platformQuery = z
  .object({
    cluster: z.string().trim().min(1).max(253),
    days: z.coerce.number().int().min(1).max(365).default(30),
  })
  .strict();

/**
 * The platform board: `GET /platform?cluster=&days=` and
 * `GET /platform/entities/:kind/:namespace/:name`, readable with `readiness.results.read`.
 * @internal
 */
export function platformRoutes(options: {
  authorize: Authorize;
  platform: PlatformQueryService;
}): express.Router {
  const { authorize, platform } = options;
  const read = (req: express.Request) =>
    authorize(req, readinessResultsReadPermission, ['user', 'service']);
  const router = Router();

  router.get('/platform', async (req, res) => {
    const query = parse(platformQuery, req.query, 'platform query');
    await read(req);
    res.json(await platform.cluster(query));
  });

  router.get('/platform/entities/:kind/:namespace/:name', async (req, res) => {
    const entity = parse(entityParams, req.params, 'entity');
    await read(req);
    res.json(await platform.entity(stringifyEntityRef(entity)));
  });

  return router;
}
