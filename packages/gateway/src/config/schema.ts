import { z } from 'zod';
import {
  DEFAULT_TICKET_AUDIENCE,
  DEFAULT_TICKET_ISSUER,
  TTYD_PORT,
} from '@hatchway/plugin-terminal-common';

/** Private address ranges runner pods live in, unless configured otherwise. */
export const DEFAULT_POD_CIDRS = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
];

const cidr = z
  .string()
  .regex(
    /^[0-9a-fA-F:.]+\/\d{1,3}$/,
    'must be an address range like 10.0.0.0/8',
  );

const rate = z
  .number()
  .int()
  .positive()
  .describe('handshakes per minute (also the burst size)');

const database = z.discriminatedUnion('client', [
  z.object({
    client: z.literal('pg'),
    connection: z.union([z.string().min(1), z.record(z.unknown())]),
  }),
  z.object({
    client: z.literal('better-sqlite3'),
    connection: z.object({ filename: z.string().min(1) }),
  }),
]);

/** The gateway's configuration, validated once at start. */
export const gatewayConfigSchema = z
  .object({
    production: z.boolean().default(false),
    listen: z
      .object({
        host: z.string().default('0.0.0.0'),
        port: z.number().int().min(0).max(65535).default(7010),
      })
      .default({}),
    database,
    tickets: z.object({
      jwksUrl: z.string().url(),
      issuer: z.string().default(DEFAULT_TICKET_ISSUER),
      audience: z.string().default(DEFAULT_TICKET_AUDIENCE),
      clockToleranceSeconds: z.number().min(0).max(60).default(5),
    }),
    allowedOrigins: z.array(z.string().min(1)).min(1),
    allowedPodCidrs: z.array(cidr).min(1).default(DEFAULT_POD_CIDRS),
    upstreamPort: z.number().int().min(1).max(65535).default(TTYD_PORT),
    upstreamConnectTimeoutSeconds: z.number().positive().default(5),
    maxPayloadBytes: z.number().int().min(1024).default(65536),
    heartbeatSeconds: z.number().positive().default(30),
    firstMessageTimeoutSeconds: z.number().positive().default(10),
    idle: z
      .object({
        timeoutSeconds: z.number().positive().default(1800),
        warningSeconds: z.number().min(0).default(60),
      })
      .default({}),
    activityWriteSeconds: z.number().positive().default(30),
    caps: z
      .object({
        sessionsPerUser: z.number().int().positive().default(5),
        sessionsPerProcess: z.number().int().positive().default(10000),
      })
      .default({}),
    rateLimits: z
      .object({ perUser: rate.default(30), perAddress: rate.default(300) })
      .default({}),
    trustForwardedFor: z.boolean().default(false),
    drainSeconds: z.number().min(0).default(30),
    recording: z
      .object({
        flushMilliseconds: z.number().int().positive().default(1000),
        maxChunkBytes: z.number().int().positive().default(65536),
      })
      .default({}),
    logLevel: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  })
  .superRefine((config, ctx) => {
    if (config.production && config.allowedOrigins.includes('*')) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['allowedOrigins'],
        message: '"*" is not allowed in production; list the portal origins',
      });
    }
  });

/** The configuration as written (defaults may be left out). */
export type GatewayConfigInput = z.input<typeof gatewayConfigSchema>;
/** The configuration with every default filled in. */
export type GatewayConfig = z.output<typeof gatewayConfigSchema>;
