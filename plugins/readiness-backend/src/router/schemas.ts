import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CATEGORIES, Category } from '@hatchway/plugin-readiness-common';
import { z } from 'zod';

const name = z.string().trim().min(1).max(253);

/** An entity ref; a bare name means `defaultKind:default/name`. */
const entityRef = (defaultKind: string) =>
  z
    .string()
    .min(1)
    .max(400)
    .transform((value, ctx) => {
      try {
        return stringifyEntityRef(
          parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
        );
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not an entity ref' });
        return z.NEVER;
      }
    });

const filters = {
  cluster: name.optional(),
  namespace: name.optional(),
  severity: z.enum(['danger', 'warning']).optional(),
  category: z.enum(CATEGORIES as [Category, ...Category[]]).optional(),
  check: name.optional(),
  owner: entityRef('group').optional(),
  entity: entityRef('component').optional(),
  status: z.enum(['passed', 'failed', 'exempted', 'skipped']).optional(),
};

export const summaryQuery = z
  .object({
    cluster: filters.cluster,
    namespace: filters.namespace,
    owner: filters.owner,
    /** The trend's window; snapshots are kept `readiness.retentionDays` (90 by default). */
    days: z.coerce.number().int().min(1).max(365).default(30),
  })
  .strict();

export const findingsQuery = z
  .object({
    ...filters,
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

export const exportQuery = z
  .object({
    ...filters,
    format: z.enum(['csv', 'json', 'sarif', 'policyreport']),
  })
  .strict();

export const entityParams = z.object({
  kind: name,
  namespace: name,
  name,
});

export const entityQuery = z
  .object({
    days: z
      .enum(['30', '90'])
      .default('30')
      .transform(days => Number(days)),
  })
  .strict();

export const scanQuery = z.object({ cluster: name }).strict();

export const auditQuery = z
  .object({
    exemptionId: z.string().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export const exemptionParams = z.object({ id: z.string().min(1).max(100) });

export const createExemptionBody = z
  .object({
    checkIds: z.array(z.string().trim().min(1).max(200)).min(1).max(100),
    match: z
      .object({
        cluster: name.optional(),
        namespace: name.optional(),
        kind: name.optional(),
        namePrefix: name.optional(),
        labels: z
          .record(z.string().min(1).max(317), z.string().max(63))
          .optional(),
      })
      .strict()
      .default({}),
    reason: z.string().trim().min(1, 'a reason is required').max(2000),
    owner: entityRef('group').optional(),
    expiresAt: z.string().datetime({ offset: true }),
  })
  .strict();

/** Parses with a schema; a mismatch is an InputError (400) naming each problem. */
export function parse<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
  what: string,
): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.map(issue =>
      issue.path.length
        ? `${issue.path.join('.')}: ${issue.message}`
        : issue.message,
    );
    throw new InputError(`Invalid ${what}: ${problems.join('; ')}`);
  }
  return result.data;
}
