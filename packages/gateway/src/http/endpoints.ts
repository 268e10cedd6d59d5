import { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayMetrics } from '../observability/metrics';

/** What the HTTP endpoints report on. */
export interface EndpointState {
  metrics: GatewayMetrics;
  isDraining(): boolean;
  /** Resolves when the session store answers. */
  storeReachable(): Promise<void>;
}

function send(
  res: ServerResponse,
  status: number,
  body: string,
  type = 'text/plain',
) {
  res.writeHead(status, {
    'Content-Type': `${type}; charset=utf-8`,
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

/**
 * Plain HTTP on the gateway's port: `/healthz` (the process is up: restart it when this fails),
 * `/readyz` (the store answers and the gateway is not draining: send traffic only then),
 * `/metrics` (Prometheus). Everything else is 404; WebSockets arrive through `upgrade`.
 */
export function createEndpointHandler(state: EndpointState) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'method not allowed\n');
      return;
    }
    switch (path) {
      case '/healthz':
        send(res, 200, 'ok\n');
        return;
      case '/readyz':
        if (state.isDraining()) {
          send(res, 503, 'draining\n');
          return;
        }
        state.storeReachable().then(
          () => send(res, 200, 'ready\n'),
          () => send(res, 503, 'session store unreachable\n'),
        );
        return;
      case '/metrics':
        state.metrics.registry.metrics().then(
          body =>
            send(
              res,
              200,
              body,
              state.metrics.registry.contentType.split(';')[0],
            ),
          () => send(res, 500, 'metrics unavailable\n'),
        );
        return;
      default:
        send(res, 404, 'not found\n');
    }
  };
}
