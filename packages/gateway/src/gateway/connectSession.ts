import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { GatewayCloseCode } from '@hatchway/plugin-terminal-common';
import { GatewayConfig } from '../config/schema';
import {
  acceptUpgrade,
  checkUpgradeRequest,
  refuseUpgrade,
  sourceAddress,
} from '../http/upgradeRequest';
import { HandshakeRateLimiter } from '../limits/HandshakeRateLimiter';
import { GatewayLogger } from '../observability/logger';
import { GatewayMetrics } from '../observability/metrics';
import { AsciicastRecorder } from '../recording/AsciicastRecorder';
import { ActivityMarker } from '../session/ActivityMarker';
import {
  AuthorizeDeps,
  authorizeSession,
  SessionGrant,
} from '../session/authorizeSession';
import { dialRunner, UpstreamError } from '../session/dialRunner';
import { FirstMessage, readFirstMessage } from '../session/readFirstMessage';
import { closeClient, Refusal } from '../session/Refusal';
import { SplicedSession } from '../session/SplicedSession';
import { readIntoReusedBuffer } from '../wire/readIntoReusedBuffer';

/** What the upgrade handler shares across connections. */
export interface GatewayParts extends AuthorizeDeps {
  config: GatewayConfig;
  addressRateLimiter: HandshakeRateLimiter;
  logger: GatewayLogger;
  metrics: GatewayMetrics;
  isDraining(): boolean;
  register(session: SplicedSession): void;
}

/**
 * Handles one `upgrade`: the checks before it (HTTP refusals), the first message and the ticket
 * after it (close-code refusals), then dials the runner and hands both sockets to a
 * {@link SplicedSession}. Nothing is forwarded to the runner before every check has passed.
 */
export async function connectSession(
  req: IncomingMessage,
  socket: Socket,
  head: Buffer,
  parts: GatewayParts,
): Promise<void> {
  // Before anything async: an unhandled socket error would take the whole process down.
  socket.on('error', () => undefined);
  const started = process.hrtime.bigint();
  const { config, metrics } = parts;
  const refuse = (
    status: number,
    reason: string,
    result: string,
    retry?: boolean,
  ) => {
    metrics.handshakes.inc({ result });
    refuseUpgrade(socket, {
      status,
      reason,
      headers: retry ? { 'Retry-After': '60' } : {},
    });
  };
  if (parts.isDraining()) {
    refuse(503, 'the gateway is restarting', 'draining');
    return;
  }
  const checked = checkUpgradeRequest(req, config.allowedOrigins);
  if ('status' in checked) {
    refuse(checked.status, checked.reason, `http_${checked.status}`);
    return;
  }
  if (
    !parts.addressRateLimiter.tryTake(
      sourceAddress(req, config.trustForwardedFor),
    )
  ) {
    refuse(429, 'too many connection attempts', 'rate_limited_address', true);
    return;
  }
  if (parts.counter.open >= config.caps.sessionsPerProcess) {
    refuse(503, 'the gateway is at capacity', 'process_cap');
    return;
  }
  acceptUpgrade(socket, checked.key);
  let grant: SessionGrant | undefined;
  try {
    const first = await readFirstMessage(socket, head, {
      maxPayload: config.maxPayloadBytes,
      timeoutMs: config.firstMessageTimeoutSeconds * 1000,
    });
    grant = await authorizeSession(
      checked.sessionId,
      first.init.AuthToken,
      parts,
    );
    const session = await openSession(socket, first, grant, parts);
    metrics.handshakes.inc({ result: 'ok' });
    metrics.handshakeSeconds.observe(
      Number(process.hrtime.bigint() - started) / 1e9,
    );
    metrics.openSessions.inc();
    const release = grant.release;
    session.closed.finally(() => {
      metrics.openSessions.dec();
      release();
    });
    parts.register(session);
    session.start();
  } catch (error) {
    grant?.release();
    // The session's logger only when there is something to log: not on every handshake.
    const log = parts.logger.child({ session: checked.sessionId });
    if (!(error instanceof Refusal)) {
      log.error('handshake failed unexpectedly', {
        error: (error as Error).message,
      });
      metrics.handshakes.inc({ result: 'internal_error' });
      closeClient(socket, 1011, 'internal error');
      return;
    }
    metrics.handshakes.inc({ result: error.result });
    log.info('handshake refused', { code: error.code, reason: error.reason });
    closeClient(socket, error.code, error.reason);
  }
}

/** Dials the runner for an authorized session and builds the spliced session around it. */
async function openSession(
  client: Socket,
  first: FirstMessage,
  grant: SessionGrant,
  parts: GatewayParts,
): Promise<SplicedSession> {
  const { config, metrics } = parts;
  const id = grant.session.id;
  const logger = parts.logger.child({ session: id, user: grant.claims.sub });
  const runner = await dialRunner({
    podIp: grant.session.pod_ip,
    port: config.upstreamPort,
    credential: grant.session.ttyd_credential,
    size: first.init,
    timeoutMs: config.upstreamConnectTimeoutSeconds * 1000,
  }).catch(error => {
    if (!(error instanceof UpstreamError)) throw error;
    metrics.upstreamErrors.inc({ phase: 'connect' });
    throw new Refusal(
      GatewayCloseCode.UPSTREAM,
      error.message,
      'upstream_error',
    );
  });
  logger.info('session connected', { recording: grant.session.recording });
  const recordingOptions = {
    width: first.init.columns,
    height: first.init.rows,
    flushMs: config.recording.flushMilliseconds,
    maxChunkBytes: config.recording.maxChunkBytes,
  };
  // The last step before the session exists: nothing after it can fail and leave the old socket.
  const moved = readIntoReusedBuffer(client);
  return new SplicedSession({
    client: moved?.socket ?? client,
    clientRest: moved
      ? Buffer.concat([first.rest, moved.buffered])
      : first.rest,
    clientReader: moved?.reader,
    runner: runner.socket,
    runnerHead: runner.head,
    runnerReader: runner.reader,
    timings: {
      maxPayload: config.maxPayloadBytes,
      heartbeatMs: config.heartbeatSeconds * 1000,
      idleTimeoutMs: config.idle.timeoutSeconds * 1000,
      idleWarningMs: config.idle.warningSeconds * 1000,
    },
    activity: new ActivityMarker(
      parts.store,
      id,
      config.activityWriteSeconds * 1000,
      logger,
    ),
    recorder: grant.session.recording
      ? new AsciicastRecorder(parts.store, id, recordingOptions, logger)
      : undefined,
    recordInput: grant.session.recordInput,
    logger,
    metrics,
  });
}
