import { InputError } from '@backstage/errors';
import { z } from 'zod';

const dns1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Body of `POST /sessions`. */
export const createSessionBody = z
  .object({
    profile: z.string().min(1).max(63),
    vcluster: z
      .string()
      .max(63)
      .regex(dns1123, 'must be a DNS-1123 label')
      .optional(),
  })
  .strict();

/** `:id` of the session routes. */
export const sessionParams = z.object({
  id: z.string().uuid('must be a session id'),
});

/** Parses input or throws InputError (400) naming what was wrong. */
export function parse<T>(
  schema: z.ZodType<T>,
  value: unknown,
  what: string,
): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const details = result.error.issues
      .map(i => `${i.path.join('.') || 'body'}: ${i.message}`)
      .join('; ');
    throw new InputError(`Invalid ${what}: ${details}`);
  }
  return result.data;
}
