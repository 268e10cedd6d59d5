import { InputError } from '@backstage/errors';
import { VCLUSTER_PHASES } from '@hatchway/plugin-vcluster-common';
import { z } from 'zod';
import { PageCursor } from '../database/DatabaseClusterRepository';

const ttlHours = z.number().positive();

export const createClusterSchema = z
  .object({
    name: z.string(),
    size: z.string().min(1),
    ttlHours: ttlHours.optional(),
    owner: z.string().min(1).optional(),
    cluster: z.string().min(1).optional(),
  })
  .strict();

export const extendTtlSchema = z.object({ ttlHours }).strict();

export const listClustersSchema = z.object({
  owner: z.string().optional(),
  cluster: z.string().optional(),
  phase: z.enum(VCLUSTER_PHASES as [string, ...string[]]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().optional(),
});

export const listAuditSchema = z.object({
  cluster: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** Parses with a schema; a failure is an InputError (400) naming the fields. */
export function parse<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.map(i =>
      i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message,
    );
    throw new InputError(`Invalid request: ${problems.join('; ')}`);
  }
  return result.data;
}

/** Cursors are opaque to clients: base64url of the last row's creation time and name. */
export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.name])).toString(
    'base64url',
  );
}

export function decodeCursor(text: string | undefined): PageCursor | undefined {
  if (!text) return undefined;
  try {
    const [createdAt, name] = JSON.parse(
      Buffer.from(text, 'base64url').toString('utf8'),
    );
    if (typeof createdAt === 'number' && typeof name === 'string')
      return { createdAt, name };
  } catch {
    // fall through to the error below
  }
  throw new InputError('Invalid cursor');
}
