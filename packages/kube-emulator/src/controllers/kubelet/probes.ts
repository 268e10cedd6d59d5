import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { V1Container, V1Probe } from '@kubernetes/client-node';

/** Result of one probe. */
export interface ProbeResult {
  ok: boolean;
  message?: string;
}

/** Resolves a probe port (number or the name of a container port). */
export function resolvePort(
  port: number | string | undefined,
  container: V1Container,
): number | undefined {
  if (typeof port === 'number') return port;
  if (port === undefined) return undefined;
  if (/^\d+$/.test(port)) return Number(port);
  return container.ports?.find(p => p.name === port)?.containerPort;
}

/** Whether a probe can really be run against a pod IP (httpGet and tcpSocket can). */
export function isNetworkProbe(probe: V1Probe | undefined): boolean {
  return !!(probe?.httpGet || probe?.tcpSocket);
}

/**
 * Runs one httpGet or tcpSocket probe against `host` (the pod IP), as the kubelet does: HTTP
 * answers 200–399 pass; a TCP connect passes; anything else, or the timeout, fails.
 */
export function runProbe(
  probe: V1Probe,
  container: V1Container,
  host: string,
): Promise<ProbeResult> {
  const timeoutMs = (probe.timeoutSeconds ?? 1) * 1000;
  if (probe.tcpSocket) {
    const port = resolvePort(probe.tcpSocket.port as any, container);
    return new Promise(resolve => {
      const socket = net.connect({
        host: probe.tcpSocket?.host || host,
        port: port ?? 0,
      });
      const done = (result: ProbeResult) => {
        socket.destroy();
        resolve(result);
      };
      socket.setTimeout(timeoutMs, () =>
        done({ ok: false, message: `dial tcp ${host}:${port}: i/o timeout` }),
      );
      socket.once('connect', () => done({ ok: true }));
      socket.once('error', error =>
        done({
          ok: false,
          message: `dial tcp ${host}:${port}: ${error.message}`,
        }),
      );
    });
  }
  const get = probe.httpGet!;
  const port = resolvePort(get.port as any, container);
  const secure = get.scheme === 'HTTPS';
  const headers: Record<string, string> = { 'User-Agent': 'kube-probe/1.34' };
  for (const header of get.httpHeaders ?? [])
    headers[header.name] = header.value;
  const url = `${secure ? 'https' : 'http'}://${get.host || host}:${port}${
    get.path ?? '/'
  }`;
  return new Promise(resolve => {
    const request = (secure ? https : http).get(
      url,
      {
        headers,
        timeout: timeoutMs,
        rejectUnauthorized: false,
      } as https.RequestOptions,
      response => {
        response.resume();
        const code = response.statusCode ?? 0;
        resolve(
          code >= 200 && code < 400
            ? { ok: true }
            : {
                ok: false,
                message: `HTTP probe failed with statuscode: ${code}`,
              },
        );
      },
    );
    request.on('timeout', () =>
      request.destroy(new Error('context deadline exceeded')),
    );
    request.on('error', error =>
      resolve({ ok: false, message: `Get "${url}": ${error.message}` }),
    );
  });
}
