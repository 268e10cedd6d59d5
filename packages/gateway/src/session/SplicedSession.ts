import { Socket } from 'node:net';
import {
  GatewayCloseCode,
  encodeOutput,
} from '@hatchway/plugin-terminal-common';
import { GatewayMetrics } from '../observability/metrics';
import { GatewayLogger } from '../observability/logger';
import { AsciicastRecorder } from '../recording/AsciicastRecorder';
import {
  CloseCode,
  Opcode,
  closePayload,
  encodeFrame,
  parseClosePayload,
} from '../wire/frames';
import { FrameHeader } from '../wire/FrameTap';
import { ReusedReadBuffer } from '../wire/ReusedReadBuffer';
import { ActivityMarker } from './ActivityMarker';
import { IdleWatch } from './IdleWatch';
import {
  isDataFrame,
  recordClientFrames,
  recordRunnerFrames,
} from './messageTaps';
import { SplicedDirection } from './SplicedDirection';
import {
  HeartbeatMember,
  joinHeartbeat,
  leaveHeartbeat,
} from './sharedHeartbeat';

/** Limits and timings of a spliced session. */
export interface SessionTimings {
  maxPayload: number;
  heartbeatMs: number;
  idleTimeoutMs: number;
  idleWarningMs: number;
}

/** Everything a spliced session is made of. */
export interface SplicedSessionParts {
  client: Socket;
  clientRest: Buffer;
  /** The client socket's reused read buffer, when it could be given one (readIntoReusedBuffer). */
  clientReader?: ReusedReadBuffer;
  runner: Socket;
  runnerHead: Buffer;
  /** The runner socket's reused read buffer (see dialRunner). */
  runnerReader: ReusedReadBuffer;
  timings: SessionTimings;
  activity: ActivityMarker;
  recorder?: AsciicastRecorder;
  recordInput: boolean;
  logger: GatewayLogger;
  metrics: GatewayMetrics;
}

/** The runner may send bigger frames than clients may; they are spliced, never buffered whole. */
const RUNNER_MAX_PAYLOAD = 16 * 1024 * 1024;
const KILL_AFTER_CLOSE_MS = 2000;

/**
 * A live session after every check passed: the client's and the runner's sockets spliced both
 * ways, with frame taps for activity, recording and close frames, a ping/pong heartbeat on both
 * legs, the idle timeout, and the gateway's own closes (idle, drain, a broken runner).
 */
export class SplicedSession implements HeartbeatMember {
  /** Resolves once both sockets are gone. */
  readonly closed: Promise<void>;
  private resolveClosed!: () => void;
  private readonly toRunner: SplicedDirection;
  private readonly toClient: SplicedDirection;
  private readonly idle: IdleWatch;
  private clientAlive = true;
  private runnerAlive = true;
  private runnerSentClose = false;
  private closing = false;
  private finished = false;
  private endReason = 'client closed';

  constructor(private readonly parts: SplicedSessionParts) {
    this.closed = new Promise(resolve => (this.resolveClosed = resolve));
    const { client, runner, timings, metrics, recorder } = parts;
    const bytes = metrics.unscrapedBytes;
    const recordIn =
      recorder && recordClientFrames(recorder, parts.recordInput);
    const recordOut = recorder && recordRunnerFrames(recorder);
    this.toRunner = new SplicedDirection(
      client,
      runner,
      {
        capture: () => recorder !== undefined,
        onFrame: (header, payload) => {
          this.clientAlive = true;
          this.onMessageFrame(header);
          if (recordIn && payload && isDataFrame(header))
            recordIn(header, payload);
        },
        onViolation: kind =>
          kind === 'too-big'
            ? this.close(CloseCode.TOO_BIG, 'message too big')
            : this.close(CloseCode.PROTOCOL_ERROR, 'invalid frame'),
        onBytes: n => (bytes.to_runner += n),
      },
      { maxPayload: timings.maxPayload, expectMasked: true },
      parts.clientReader,
    );
    this.toClient = new SplicedDirection(
      runner,
      client,
      {
        capture: () => recorder !== undefined,
        onFrame: (header, payload) => {
          this.runnerAlive = true;
          if (header.opcode === Opcode.CLOSE) this.onRunnerClose(payload!);
          this.onMessageFrame(header);
          if (recordOut && payload && isDataFrame(header))
            recordOut(header, payload);
        },
        onViolation: () =>
          this.close(
            GatewayCloseCode.UPSTREAM,
            'the runner broke the protocol',
          ),
        onBytes: n => (bytes.to_client += n),
      },
      { maxPayload: RUNNER_MAX_PAYLOAD, expectMasked: false },
      parts.runnerReader,
    );
    this.idle = new IdleWatch(timings.idleTimeoutMs, timings.idleWarningMs, {
      onWarning: seconds => this.warnIdle(seconds),
      onIdle: () =>
        this.close(
          GatewayCloseCode.IDLE,
          `closed after ${Math.round(
            timings.idleTimeoutMs / 1000,
          )} s without activity`,
        ),
    });
  }

  /** Starts splicing. */
  start(): void {
    const { client, runner, clientRest, runnerHead, timings } = this.parts;
    client.on('error', () => undefined);
    client.on('end', () => this.onClientGone());
    client.on('close', () => this.onClientGone());
    runner.on('end', () => this.onRunnerGone());
    runner.on('close', () => this.onRunnerGone());
    client.setNoDelay(true);
    this.toRunner.start(clientRest);
    this.toClient.start(runnerHead);
    this.idle.start();
    this.parts.activity.touch();
    joinHeartbeat(timings.heartbeatMs, this);
    if (client.destroyed) this.onClientGone();
  }

  /** Closes the session from the gateway's side: the client sees `code` and `reason`. */
  close(code: number, reason: string): void {
    if (this.closing) return;
    this.closing = true;
    this.endReason = reason;
    this.parts.logger.info('closing session', { code, reason });
    this.toClient.finishWith(
      encodeFrame(Opcode.CLOSE, closePayload(code, reason), false),
    );
    this.toRunner.finishWith(
      encodeFrame(
        Opcode.CLOSE,
        closePayload(CloseCode.NORMAL, 'closed by the gateway'),
        true,
      ),
    );
    setTimeout(() => this.destroy(), KILL_AFTER_CLOSE_MS).unref();
  }

  private onMessageFrame(header: FrameHeader) {
    if (!isDataFrame(header)) return;
    this.idle.touch();
    this.parts.activity.touch();
  }

  private onRunnerClose(payload: Buffer) {
    this.runnerSentClose = true;
    const { code } = parseClosePayload(payload);
    this.endReason = `the runner closed the session (${code})`;
  }

  private onClientGone() {
    if (!this.parts.runner.destroyed) this.parts.runner.end();
    setTimeout(() => this.destroy(), KILL_AFTER_CLOSE_MS).unref();
    if (this.parts.client.destroyed) this.finish();
  }

  private onRunnerGone() {
    if (!this.runnerSentClose && !this.closing) {
      this.parts.metrics.upstreamErrors.inc({ phase: 'session' });
      this.parts.logger.warn('the runner connection was lost');
      this.close(GatewayCloseCode.UPSTREAM, 'the runner connection was lost');
      return;
    }
    if (!this.parts.client.destroyed) this.parts.client.end();
    setTimeout(() => this.destroy(), KILL_AFTER_CLOSE_MS).unref();
  }

  /** Called by the shared heartbeat: cuts a silent leg, else pings both. */
  heartbeat(): void {
    if (!this.clientAlive || !this.runnerAlive) {
      this.endReason = this.clientAlive
        ? 'the runner stopped answering'
        : 'the client stopped answering';
      this.parts.logger.info('heartbeat missed; terminating', {
        reason: this.endReason,
      });
      this.destroy();
      return;
    }
    this.clientAlive = false;
    this.runnerAlive = false;
    this.toClient.insert(encodeFrame(Opcode.PING, Buffer.alloc(0), false));
    this.toRunner.insert(encodeFrame(Opcode.PING, Buffer.alloc(0), true));
  }

  private warnIdle(seconds: number) {
    const text = `\r\n\x1b[33m[hatchway] No activity: this session closes in ${seconds} s. Press a key to keep it open.\x1b[0m\r\n`;
    this.toClient.insert(encodeFrame(Opcode.BINARY, encodeOutput(text), false));
  }

  private destroy() {
    this.parts.client.destroy();
    this.parts.runner.destroy();
    this.finish();
  }

  private finish() {
    if (this.finished) return;
    this.finished = true;
    this.toRunner.stop();
    this.toClient.stop();
    this.idle.stop();
    leaveHeartbeat(this.parts.timings.heartbeatMs, this);
    if (!this.parts.runner.destroyed) {
      setTimeout(
        () => this.parts.runner.destroy(),
        KILL_AFTER_CLOSE_MS,
      ).unref();
    }
    this.parts.logger.info('session ended', { reason: this.endReason });
    const recorded = this.parts.recorder?.close() ?? Promise.resolve();
    recorded.finally(() => this.resolveClosed());
  }
}
