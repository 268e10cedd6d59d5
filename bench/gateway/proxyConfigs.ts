/**
 * Configurations of the peer proxies, tuned alike: one worker or thread, WebSocket upgrade
 * forwarded, hour-long timeouts (sessions are long and often idle), no access log.
 */

/** HAProxy refuses more than the 20,000 file descriptors the machine allows (2 per session). */
export const HAPROXY_MAXCONN = 9000;

export function nginxConfig(o: {
  dir: string;
  port: number;
  upstreamPort: number;
}) {
  const tmp = `${o.dir}/tmp`;
  return `daemon off;
master_process on;
worker_processes 1;
worker_rlimit_nofile 20000;
pid ${o.dir}/nginx.pid;
error_log ${o.dir}/error.log warn;
events { worker_connections 19500; multi_accept on; }
http {
  access_log off;
  client_body_temp_path ${tmp}/body;
  proxy_temp_path ${tmp}/proxy;
  fastcgi_temp_path ${tmp}/fastcgi;
  uwsgi_temp_path ${tmp}/uwsgi;
  scgi_temp_path ${tmp}/scgi;
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  upstream runner { server 127.0.0.1:${o.upstreamPort}; }
  server {
    listen 127.0.0.1:${o.port} backlog=4096;
    location = /ws {
      proxy_pass http://runner;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $host;
      proxy_read_timeout 3600s;
      proxy_send_timeout 3600s;
      proxy_buffering off;
    }
  }
}
`;
}

export function haproxyConfig(o: {
  port: number;
  upstreamPort: number;
  /** Where the upstream listens (127.0.0.1 unless given). */
  upstreamHost?: string;
}) {
  return `global
  maxconn ${HAPROXY_MAXCONN}
  nbthread 1
defaults
  mode http
  timeout connect 5s
  timeout client 1h
  timeout server 1h
  timeout tunnel 1h
frontend bench
  bind 127.0.0.1:${o.port}
  default_backend runner
backend runner
  server upstream ${o.upstreamHost ?? '127.0.0.1'}:${
    o.upstreamPort
  } maxconn ${HAPROXY_MAXCONN}
`;
}
