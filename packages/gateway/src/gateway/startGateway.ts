import { createServer } from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import { CloseCode } from '../wire/frames';
import { GatewayConfig } from '../config/schema';
import { createEndpointHandler } from '../http/endpoints';
import { TicketVerifier } from '../auth/TicketVerifier';
import { HandshakeRateLimiter } from '../limits/HandshakeRateLimiter';
import { PodAddressPolicy } from '../limits/PodAddressPolicy';
import { SessionCounter } from '../limits/SessionCounter';
import { createLogger, GatewayLogger } from '../observability/logger';
import { GatewayMetrics } from '../observability/metrics';
import { createDatabase } from '../store/database';
import { SessionStore } from '../store/SessionStore';
import { SplicedSession } from '../session/SplicedSession';
import { connectSession } from './connectSession';

/** A running gateway. */
export interface RunningGateway {
  /** `ws://host:port`, the base of session URLs (`/sessions/<id>`). */
  url: string;
  port: number;
  metrics: GatewayMetrics;
  /**
   * Stops taking sessions (readyz 503, upgrades 503), waits up to `drainSeconds` for live sessions
   * to end, then closes the rest with 1001. Resolves when none is left.
   */
  drain(): Promise<void>;
  /** Closes everything at once: the listener, every session, the database pool. */
  close(): Promise<void>;
}

/** Options beside the config, mostly for tests and benchmarks. */
export interface StartGatewayOptions {
  logger?: GatewayLogger;
}

/** Starts the gateway on `config.listen`; port 0 picks a free port. */
export async function startGateway(
  config: GatewayConfig,
  options: StartGatewayOptions = {},
): Promise<RunningGateway> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const db = createDatabase(config.database, logger);
  const store = new SessionStore(db, config.activityWriteSeconds * 1000);
  const metrics = new GatewayMetrics();
  const sessions = new Set<SplicedSession>();
  let draining = false;

  const server = createServer(
    createEndpointHandler({
      metrics,
      isDraining: () => draining,
      storeReachable: () => store.ping(),
    }),
  );
  const parts = {
    config,
    store,
    metrics,
    logger,
    verifier: new TicketVerifier(config.tickets),
    userRateLimiter: new HandshakeRateLimiter(config.rateLimits.perUser),
    addressRateLimiter: new HandshakeRateLimiter(config.rateLimits.perAddress),
    counter: new SessionCounter(),
    podAddresses: new PodAddressPolicy(config.allowedPodCidrs),
    sessionsPerUser: config.caps.sessionsPerUser,
    isDraining: () => draining,
    register: (session: SplicedSession) => {
      sessions.add(session);
      session.closed.finally(() => sessions.delete(session));
    },
  };
  server.on('upgrade', (req, socket, head) => {
    connectSession(req, socket as Socket, head, parts).catch(error =>
      logger.error('upgrade handler failed', {
        error: (error as Error).message,
      }),
    );
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.listen.port, config.listen.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host =
    config.listen.host === '0.0.0.0' ? '127.0.0.1' : config.listen.host;
  logger.info('gateway listening', { host: config.listen.host, port });

  const closeAll = async (code: number, reason: string) => {
    const live = [...sessions];
    live.forEach(s => s.close(code, reason));
    await Promise.all(live.map(s => s.closed));
  };
  let drained: Promise<void> | undefined;
  return {
    url: `ws://${host}:${port}`,
    port,
    metrics,
    drain: () => {
      drained ??= (async () => {
        draining = true;
        logger.info('draining', {
          sessions: sessions.size,
          seconds: config.drainSeconds,
        });
        const deadline = new Promise(r =>
          setTimeout(r, config.drainSeconds * 1000).unref(),
        );
        await Promise.race([
          deadline,
          Promise.all([...sessions].map(s => s.closed)),
        ]);
        await closeAll(
          CloseCode.GOING_AWAY,
          'the gateway is restarting; reconnect',
        );
      })();
      return drained;
    },
    close: async () => {
      draining = true;
      server.close();
      await closeAll(CloseCode.GOING_AWAY, 'the gateway is shutting down');
      server.closeAllConnections();
      await db.destroy();
    },
  };
}
