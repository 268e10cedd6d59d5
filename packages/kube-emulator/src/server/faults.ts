import {
  ApiError,
  internalError,
  serviceUnavailable,
  tooManyRequests,
} from './errors';
import type { ResourceRequestInfo, RequestInfo } from './router';

/** What to inject for matching requests. All matchers are optional; an empty rule matches everything. */
export interface FaultRule {
  /** Kubernetes verb(s): get, list, watch, create, update, patch, delete, deletecollection; `*` for all. */
  verb?: string | string[];
  /** Resource: `pods`, `pods/log`, `deployments`, `deployments.apps`; `*` for all. */
  resource?: string;
  namespace?: string;
  name?: string;
  /** Respond with this HTTP status (500, 503, 429 or another) instead of serving the request. */
  status?: number;
  /** Message of the injected Status. */
  message?: string;
  /** Retry-After for 429/503 (seconds; default 1 for 429). */
  retryAfterSeconds?: number;
  /** Delay before the request is served (or failed). */
  latencyMs?: number;
  /** Only the next N matching requests are affected; the rule is then removed. */
  times?: number;
  /** For watches: close the stream after this many events. */
  cutWatchAfterEvents?: number;
}

/** An installed rule. */
export interface Fault extends FaultRule {
  id: string;
  /** How many requests it has affected. */
  hits: number;
}

/** The programmatic fault-injection API. */
export interface FaultsApi {
  add(rule: FaultRule): Fault;
  remove(id: string): boolean;
  clear(): void;
  list(): Fault[];
}

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  410: 'Gone',
  422: 'Invalid',
  504: 'Timeout',
};

function matches(rule: FaultRule, info: ResourceRequestInfo): boolean {
  if (rule.verb !== undefined) {
    const verbs = Array.isArray(rule.verb) ? rule.verb : [rule.verb];
    if (!verbs.includes('*') && !verbs.includes(info.verb)) return false;
  }
  if (rule.resource !== undefined && rule.resource !== '*') {
    const q = info.group ? `${info.resource}.${info.group}` : info.resource;
    const names = info.subresource
      ? [`${info.resource}/${info.subresource}`, `${q}/${info.subresource}`]
      : [info.resource, q];
    if (!names.includes(rule.resource)) return false;
  }
  if (rule.namespace !== undefined && rule.namespace !== info.namespace)
    return false;
  if (rule.name !== undefined && rule.name !== info.name) return false;
  return true;
}

/** The error an injected status produces, shaped like the real server's. */
export function faultError(f: FaultRule): ApiError {
  const status = f.status!;
  if (status === 500) return internalError(f.message ?? 'injected fault');
  if (status === 503)
    return serviceUnavailable(
      f.message ?? 'the server is currently unable to handle the request',
      f.retryAfterSeconds,
    );
  if (status === 429)
    return tooManyRequests(f.retryAfterSeconds ?? 1, f.message);
  return new ApiError(
    status,
    REASONS[status] ?? 'InternalError',
    f.message ?? 'injected fault',
  );
}

/** Holds fault rules and applies them to requests. */
export class FaultInjector implements FaultsApi {
  private faults: Fault[] = [];
  private seq = 0;

  add(rule: FaultRule): Fault {
    const fault: Fault = { ...rule, id: `fault-${++this.seq}`, hits: 0 };
    this.faults.push(fault);
    return { ...fault };
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter(f => f.id !== id);
    return this.faults.length !== before;
  }

  clear(): void {
    this.faults = [];
  }

  list(): Fault[] {
    return this.faults.map(f => ({ ...f }));
  }

  /** Rules matching a request, counted as hits (rules with `times` expire when used up). */
  take(info: RequestInfo): Fault[] {
    if (!info.isResource || this.faults.length === 0) return [];
    const hit = this.faults.filter(f => matches(f, info));
    for (const f of hit) {
      f.hits++;
      if (f.times !== undefined && f.hits >= f.times) this.remove(f.id);
    }
    return hit;
  }

  /** Applies latency and errors; returns the watch cut-off, if any. */
  async apply(info: RequestInfo): Promise<{ cutWatchAfterEvents?: number }> {
    const hit = this.take(info);
    let cut: number | undefined;
    for (const f of hit) {
      if (f.latencyMs) await new Promise(r => setTimeout(r, f.latencyMs));
      if (f.status) throw faultError(f);
      if (f.cutWatchAfterEvents !== undefined)
        cut = Math.min(cut ?? Infinity, f.cutWatchAfterEvents);
    }
    return { cutWatchAfterEvents: cut };
  }
}
