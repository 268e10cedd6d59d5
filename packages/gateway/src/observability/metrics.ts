import {
  Counter,
  Gauge,
  Histogram,
  Registry,
  collectDefaultMetrics,
} from 'prom-client';

/** The gateway's Prometheus metrics, in a registry of its own (several gateways may share a process in tests). */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly openSessions = new Gauge({
    name: 'hatchway_gateway_open_sessions',
    help: 'Sessions currently proxied by this process',
    registers: [this.registry],
  });
  readonly handshakes = new Counter({
    name: 'hatchway_gateway_handshakes_total',
    help: 'Handshakes by result (ok, or the refusal)',
    labelNames: ['result'],
    registers: [this.registry],
  });
  readonly handshakeSeconds = new Histogram({
    name: 'hatchway_gateway_handshake_duration_seconds',
    help: 'From the upgrade request to the first byte proxied',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  /**
   * Bytes proxied since `bytes` was last read, by direction. Sessions add to these plain numbers
   * per chunk and the counter takes them in when scraped: a labelled counter increment per chunk
   * cost more than the rest of the splice's bookkeeping.
   */
  readonly unscrapedBytes = { to_runner: 0, to_client: 0 };
  readonly bytes: Counter<'direction'> = new Counter({
    name: 'hatchway_gateway_bytes_total',
    help: 'Bytes proxied, by direction (to_runner, to_client)',
    labelNames: ['direction'],
    registers: [this.registry],
    collect: () => this.takeUnscrapedBytes(),
  });
  readonly upstreamErrors = new Counter({
    name: 'hatchway_gateway_upstream_errors_total',
    help: 'Runner connections that failed to open or broke mid-session',
    labelNames: ['phase'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({
      register: this.registry,
      prefix: 'hatchway_gateway_',
    });
  }

  private takeUnscrapedBytes() {
    for (const direction of ['to_runner', 'to_client'] as const) {
      const count = this.unscrapedBytes[direction];
      if (count === 0) continue;
      this.unscrapedBytes[direction] = 0;
      this.bytes.inc({ direction }, count);
    }
  }
}
