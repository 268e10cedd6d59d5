import type { Ctx } from './context';

/**
 * A minimal OpenAPI v2 document. kubectl downloads /openapi/v2 (as gnostic protobuf) before it
 * validates manifests; an empty document with no definitions makes it skip schema checks for
 * every kind (as it does for kinds a server does not describe) instead of refusing to apply.
 */

function field(num: number, payload: Buffer): Buffer {
  // Wire type 2 (length-delimited); every length here is < 128, so one length byte suffices.
  return Buffer.concat([
    Buffer.from([(num << 3) | 2, payload.length]),
    payload,
  ]);
}

const str = (num: number, s: string) => field(num, Buffer.from(s, 'utf8'));

const TITLE = 'Kubernetes';
const VERSION = 'v1.33.0';

// Document{swagger: "2.0", info: Info{title, version}, paths: Paths{}}
const PROTOBUF = Buffer.concat([
  str(1, '2.0'),
  field(2, Buffer.concat([str(1, TITLE), str(2, VERSION)])),
  field(8, Buffer.alloc(0)),
]);

const JSON_DOC = JSON.stringify({
  swagger: '2.0',
  info: { title: TITLE, version: VERSION },
  paths: {},
  definitions: {},
});

/** Serves /openapi/v2 as protobuf or JSON, whichever the client accepts. */
export function serveOpenApiV2(ctx: Ctx): void {
  const accept = String(ctx.req.headers.accept ?? '');
  if (accept.includes('protobuf')) {
    ctx.res.writeHead(200, {
      'Content-Type':
        'application/com.github.proto-openapi.spec.v2.v1.0+protobuf',
      'Content-Length': PROTOBUF.length,
    });
    ctx.res.end(PROTOBUF);
    return;
  }
  ctx.res.writeHead(200, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(JSON_DOC),
  });
  ctx.res.end(JSON_DOC);
}
