import { GatewayConfigInput } from '../config/schema';
import { parseGatewayConfig } from '../config/load';
import { RunningGateway, startGateway } from '../gateway/startGateway';
import { createLogger } from '../observability/logger';
import { TestDatabase } from './testDatabase';
import { TestTicketIssuer } from './ticketIssuer';

/** The Origin the test clients send and the test gateways allow. */
export const TEST_ORIGIN = 'http://localhost:3000';

/** A gateway for a test, and every log line it wrote (to check none leaks a secret). */
export interface TestGateway extends RunningGateway {
  logs: string[];
}

/**
 * Starts a real gateway on a free loopback port against a test database and ticket issuer;
 * runner pods are on loopback (127.0.0.0/8), at `upstreamPort`.
 */
export async function startTestGateway(options: {
  db: TestDatabase;
  issuer: TestTicketIssuer;
  upstreamPort: number;
  overrides?: Partial<GatewayConfigInput>;
}): Promise<TestGateway> {
  const logs: string[] = [];
  const config = parseGatewayConfig({
    listen: { host: '127.0.0.1', port: 0 },
    database: options.db.config,
    tickets: { jwksUrl: options.issuer.jwksUrl },
    allowedOrigins: [TEST_ORIGIN],
    allowedPodCidrs: ['127.0.0.0/8'],
    upstreamPort: options.upstreamPort,
    rateLimits: { perUser: 10000, perAddress: 10000 },
    caps: { sessionsPerUser: 1000 },
    ...options.overrides,
  });
  const gateway = await startGateway(config, {
    logger: createLogger('debug', line => logs.push(line)),
  });
  return Object.assign(gateway, { logs });
}
