import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import type { Core } from '../core/Core';
import type { Authenticator, AuthenticatedUser } from './auth';
import type { RbacAuthorizer } from './rbac';
import type { FaultInjector } from './faults';
import type { LogStore } from './logs';
import type { WatchHub } from './watch';
import type { Pager } from './paging';
import type { RequestInfo } from './router';
import {
  ApiError,
  badRequest,
  internalError,
  tooLarge,
  unsupportedMediaType,
} from './errors';
import { decodeKubernetesProtobuf } from './protobuf/decode';

/** Everything request handlers share. */
export interface ServerDeps {
  core: Core;
  auth: Authenticator;
  /** Present when RBAC is enabled. */
  rbac?: RbacAuthorizer;
  faults: FaultInjector;
  logs: LogStore;
  watches: WatchHub;
  pager: Pager;
  maxBodyBytes: number;
  /** host:port clients reach the server at. */
  address: () => string;
  /** Tokens allowed to use the /_emulator endpoints. */
  adminTokens: Set<string>;
  bookmarkIntervalMs: number;
}

/** One request in flight. */
export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  query: URLSearchParams;
  user: AuthenticatedUser;
  info: RequestInfo;
  deps: ServerDeps;
  /** Fault-injected watch cut-off. */
  cutWatchAfterEvents?: number;
}

const COMMON_HEADERS = { 'Cache-Control': 'no-cache, private' };

/** Sends JSON (a pre-serialized string is sent as-is, which is how lists avoid re-serializing). */
export function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(code, {
    ...COMMON_HEADERS,
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/**
 * Sends a large JSON document built from many pre-serialized parts (a list), in chunks of a
 * few hundred items, so no single multi-megabyte string has to be joined and measured.
 */
export function sendJsonStream<T>(
  res: ServerResponse,
  head: string,
  items: T[],
  json: (item: T) => string,
  tail: string,
): void {
  if (items.length <= 256) {
    sendJson(res, 200, head + items.map(json).join(',') + tail);
    return;
  }
  res.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': 'application/json' });
  res.write(head);
  for (let i = 0; i < items.length; i += 512) {
    const batch = items
      .slice(i, i + 512)
      .map(json)
      .join(',');
    res.write(i === 0 ? batch : `,${batch}`);
  }
  res.end(tail);
}

/** Sends an error as a Status object; anything that is not an ApiError becomes a 500. */
export function sendError(res: ServerResponse, err: unknown): void {
  const e =
    err instanceof ApiError
      ? err
      : internalError(err instanceof Error ? err.message : String(err));
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, e.code, e.toStatus(), e.headers);
}

/**
 * Reads the body up to the limit. Beyond it the rest is drained and discarded so the client can
 * read the 413, unless it goes on far past the limit, in which case the connection is cut.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    const chunks: Buffer[] = [];
    let size = 0;
    let over = declared > limit;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      if (over) {
        chunks.length = 0;
        if (size > limit * 16) req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () =>
      over ? reject(tooLarge(limit)) : resolve(Buffer.concat(chunks)),
    );
    req.on('error', reject);
  });
}

/** The media type of the request body, without parameters. */
export function contentType(req: IncomingMessage): string {
  return String(req.headers['content-type'] ?? 'application/json')
    .split(';')[0]
    .trim()
    .toLowerCase();
}

/** Decodes a JSON or YAML body; malformed input is a 400 with the decoder's message. */
export function decodeBody(buf: Buffer, type: string): unknown {
  if (type === 'application/vnd.kubernetes.protobuf')
    return decodeKubernetesProtobuf(buf);
  if (type.includes('protobuf') || type.includes('cbor')) {
    throw unsupportedMediaType(type, ['application/json', 'application/yaml']);
  }
  const text = buf.toString('utf8');
  if (!text.trim()) throw badRequest('the body of the request was empty');
  const isYaml = type.endsWith('yaml');
  try {
    return JSON.parse(text);
  } catch (e) {
    if (!isYaml)
      throw badRequest(
        `couldn't get version/kind; json parse error: ${(e as Error).message}`,
      );
  }
  try {
    return parseYaml(text);
  } catch (e) {
    throw badRequest(`error converting YAML to JSON: ${(e as Error).message}`);
  }
}
