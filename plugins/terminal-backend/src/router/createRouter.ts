import {
  HttpAuthService,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  gatewaySessionPath,
  ProfileListResponse,
  SessionListResponse,
  SessionTicketResponse,
  terminalSessionAdminPermission,
  terminalSessionCreatePermission,
} from '@hatchway/plugin-terminal-common';
import express from 'express';
import Router from 'express-promise-router';
import { SessionCapacityError } from '../service/errors';
import { SessionService } from '../service/SessionService';
import { toApiProfile, toApiSession } from '../service/toApiSession';
import { createAuthorize } from './authorize';
import { createSessionBody, parse, sessionParams } from './schemas';

/** Where the JWKS is served, unauthenticated (the gateway fetches it). */
export const JWKS_PATH = '/.well-known/jwks.json';

/**
 * The terminal API. Handlers validate, authorize and delegate; errors become JSON responses
 * (400, 403, 404, 409, 413, 429, 503) in the framework's error middleware.
 * @internal
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  sessions: SessionService;
  jwks: () => object;
  gatewayUrl: string;
}): Promise<express.Router> {
  const { sessions, gatewayUrl } = options;
  const authorize = createAuthorize(
    options.httpAuth,
    options.permissions,
    options.permissionsRegistry,
  );
  const api = (session: Parameters<typeof toApiSession>[0]) =>
    toApiSession(session, gatewayUrl);
  /** Loads the session (404) and checks the caller may use it (403). */
  const usable = async (req: express.Request) => {
    const { id } = parse(sessionParams, req.params, 'session id');
    const session = await sessions.get(id);
    const credentials = await authorize.session(req, session);
    return { session, credentials };
  };

  const router = Router();
  router.use(express.json({ limit: '16kb' }));

  router.get(JWKS_PATH, async (_req, res) => {
    res.set('Cache-Control', 'public, max-age=60').json(options.jwks());
  });

  router.get('/profiles', async (req, res) => {
    const credentials = await authorize.user(
      req,
      terminalSessionCreatePermission,
    );
    const profiles = await sessions.profilesFor(credentials);
    const body: ProfileListResponse = { items: profiles.map(toApiProfile) };
    res.json(body);
  });

  router.post('/sessions', async (req, res) => {
    const credentials = await authorize.user(
      req,
      terminalSessionCreatePermission,
    );
    const input = parse(createSessionBody, req.body, 'session request');
    const session = await sessions.create(input, credentials);
    res.status(201).json(api(session));
  });

  router.get('/sessions', async (req, res) => {
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user'],
    });
    const admin = await authorize.holds(
      credentials,
      terminalSessionAdminPermission,
    );
    const owner = admin ? undefined : credentials.principal.userEntityRef;
    const body: SessionListResponse = {
      items: (await sessions.list(owner)).map(api),
    };
    res.json(body);
  });

  router.get('/sessions/:id', async (req, res) => {
    const { session } = await usable(req);
    res.json(api(session));
  });

  router.delete('/sessions/:id', async (req, res) => {
    const { session, credentials } = await usable(req);
    const ended = await sessions.end(
      session,
      credentials.principal.userEntityRef,
    );
    res.json(api(ended));
  });

  router.post('/sessions/:id/ticket', async (req, res) => {
    const { session } = await usable(req);
    const { ticket, expiresAt } = await sessions.ticket(session);
    const body: SessionTicketResponse = {
      ticket,
      expiresAt: expiresAt.toISOString(),
      gatewayUrl: `${gatewayUrl}${gatewaySessionPath(session.id)}`,
    };
    res.set('Cache-Control', 'no-store').json(body);
  });

  router.get('/sessions/:id/recording', async (req, res) => {
    const { session } = await usable(req);
    const cast = await sessions.recording(session);
    res
      .type('application/x-asciicast')
      .set(
        'Content-Disposition',
        `attachment; filename="session-${session.id}.cast"`,
      )
      .send(cast);
  });

  // 503 tells clients when to come back; the error middleware writes the body.
  router.use(
    (
      error: unknown,
      _req: express.Request,
      res: express.Response,
      next: express.NextFunction,
    ) => {
      if (error instanceof SessionCapacityError) {
        res.set('Retry-After', String(error.retryAfterSeconds));
      }
      next(error);
    },
  );
  return router;
}
