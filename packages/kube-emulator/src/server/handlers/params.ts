import type { Ctx } from '../context';
import { badRequest, invalid, notSupported, tooLong } from '../errors';
import type { WriteOptions } from '../../core/Core';

/** fieldManager / dryRun / User-Agent of a write, validated as the API server does. */
export function writeOptions(
  ctx: Ctx,
  kind: 'CreateOptions' | 'UpdateOptions' | 'PatchOptions' | 'DeleteOptions',
): WriteOptions {
  const fieldManager = ctx.query.get('fieldManager') ?? undefined;
  if (fieldManager && fieldManager.length > 128) {
    throw invalid('meta.k8s.io', kind, '', [tooLong('fieldManager', 128)]);
  }
  const dryRun = ctx.query.getAll('dryRun');
  for (const d of dryRun) {
    if (d !== 'All')
      throw invalid('meta.k8s.io', kind, '', [
        notSupported('dryRun', JSON.stringify(dryRun), ['All']),
      ]);
  }
  return {
    fieldManager,
    dryRun: dryRun.length > 0,
    userAgent: String(ctx.req.headers['user-agent'] ?? ''),
  };
}

/** A boolean query parameter (`true`/`1`). */
export function boolParam(ctx: Ctx, name: string): boolean | undefined {
  const v = ctx.query.get(name);
  if (v === null) return undefined;
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0' || v === '') return false;
  throw badRequest(`invalid boolean value for ${name}: ${JSON.stringify(v)}`);
}

/** An integer query parameter. */
export function intParam(ctx: Ctx, name: string): number | undefined {
  const v = ctx.query.get(name);
  if (v === null || v === '') return undefined;
  if (!/^-?\d+$/.test(v))
    throw badRequest(`invalid value for ${name}: ${JSON.stringify(v)}`);
  return Number(v);
}
