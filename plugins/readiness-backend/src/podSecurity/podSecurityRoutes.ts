import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { readinessResultsReadPermission } from '@hatchway/plugin-readiness-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { Authorize } from '../router/authorize';
import { parse } from '../router/schemas';
import { PodSecurityQueryService } from './types';

const filters = {
  cluster: z.string().trim().min(1).max(253).optional(),
  /** An owner entity ref; a bare name is a group in the default namespace. */
  owner: z
    .string()
    .trim()
    .min(1)
    .max(400)
    .transform((value, ctx) => {
      try {
        return stringifyEntityRef(
          parseEntityRef(value, {
            defaultKind: 'group',
            defaultNamespace: 'default',
          }),
        );
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not an entity ref' });
        return z.NEVER;
      }
    })
    .optional(),
};

const podSecurityQuery = z.object(filters).strict();
const podSecurityExportQuery = z
  .object({ ...filters, format: z.enum(['csv', 'json']) })
  .strict();

/**
 * The Pod Security view: `GET /pod-security?cluster=&owner=` and
 * `GET /pod-security/export?format=csv|json&cluster=&owner=`, readable with
 * `readiness.results.read`.
 * @internal
 */
export function podSecurityRoutes(options: {
  authorize: Authorize;
  podSecurity: PodSecurityQueryService;
}): express.Router {
  const { authorize, podSecurity } = options;
  const read = (req: express.Request) =>
    authorize(req, readinessResultsReadPermission, ['user', 'service']);
  const router = Router();

  router.get('/pod-security', async (req, res) => {
    const query = parse(podSecurityQuery, req.query, 'pod security query');
    await read(req);
    res.json(await podSecurity.namespaces(query));
  });

  router.get('/pod-security/export', async (req, res) => {
    const { format, ...query } = parse(
      podSecurityExportQuery,
      req.query,
      'pod security export query',
    );
    await read(req);
    const rendered = await podSecurity.export(format, query);
    res
      .attachment(rendered.filename)
      .type(rendered.contentType)
      .send(rendered.body);
  });

  return router;
}
