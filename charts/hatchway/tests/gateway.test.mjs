// The terminal gateway: its database, ticket keys, origin, ServiceAccount, probes, drain, scaling.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  NAMESPACE,
  byKind,
  named,
  render,
  scenario,
  selects,
} from './helpers.mjs';

describe('dev values: the gateway', () => {
  const { docs, portal, gateway, portalEnv, gatewayEnv } =
    scenario('dev-values.yaml');

  test('takes the database password from the same Secret for the portal and the gateway', () => {
    const ref = { name: 'hatchway-postgres', key: 'password' };
    assert.deepEqual(portalEnv.POSTGRES_PASSWORD.valueFrom.secretKeyRef, ref);
    assert.deepEqual(gatewayEnv.PGPASSWORD.valueFrom.secretKeyRef, ref);
    assert.equal(
      gatewayEnv.HATCHWAY_GATEWAY_DATABASE_URL.value,
      'postgresql://backstage@postgres:5432/backstage_plugin_terminal',
    );
  });

  test('points the gateway at the portal Service’s JWKS and admits only the portal’s origin', () => {
    const service = named(docs, 'Service', 'rel-hatchway');
    assert.equal(
      gatewayEnv.HATCHWAY_GATEWAY_JWKS_URL.value,
      `http://rel-hatchway.${NAMESPACE}.svc:${service.spec.ports[0].port}/api/terminal/.well-known/jwks.json`,
    );
    assert.ok(
      selects(
        { matchLabels: service.spec.selector },
        portal.spec.template.metadata.labels,
      ),
    );
    assert.ok(
      !selects(
        { matchLabels: service.spec.selector },
        gateway.spec.template.metadata.labels,
      ),
      'the portal Service must not send traffic to gateway pods',
    );
    assert.equal(
      gatewayEnv.HATCHWAY_GATEWAY_ALLOWED_ORIGINS.value,
      'http://hatchway.dev.example.com',
    );
    assert.equal(gatewayEnv.HATCHWAY_GATEWAY_PRODUCTION.value, 'true');
    assert.equal(
      gatewayEnv.HATCHWAY_GATEWAY_ALLOWED_POD_CIDRS.value,
      '10.0.0.0/8',
    );
  });

  test('gives the gateway its own token-less ServiceAccount, probes and a grace period beyond the drain', () => {
    const spec = gateway.spec.template.spec;
    assert.equal(spec.serviceAccountName, 'rel-hatchway-gateway');
    const [c] = spec.containers;
    assert.equal(c.livenessProbe.httpGet.path, '/healthz');
    assert.equal(c.readinessProbe.httpGet.path, '/readyz');
    const drain = Number(gatewayEnv.HATCHWAY_GATEWAY_DRAIN_SECONDS.value);
    assert.ok(spec.terminationGracePeriodSeconds > drain);
  });

  test('scales the gateway on CPU from two replicas and keeps one through disruptions', () => {
    const hpa = named(docs, 'HorizontalPodAutoscaler', 'rel-hatchway-gateway');
    assert.equal(hpa.apiVersion, 'autoscaling/v2');
    assert.equal(hpa.spec.scaleTargetRef.name, 'rel-hatchway-gateway');
    assert.ok(hpa.spec.minReplicas >= 2);
    assert.equal(hpa.spec.metrics[0].resource.name, 'cpu');
    assert.equal(gateway.spec.replicas, undefined, 'the HPA owns replicas');
    const pdb = named(docs, 'PodDisruptionBudget', 'rel-hatchway-gateway');
    assert.ok(
      selects(pdb.spec.selector, gateway.spec.template.metadata.labels),
    );
    assert.equal(portal.spec.replicas, 2);
    assert.equal(
      named(docs, 'PodDisruptionBudget', 'rel-hatchway').spec.minAvailable,
      1,
    );
  });
});

test('exposes the gateway metrics to Prometheus only when asked, and only to the allowed scraper', () => {
  const docs = render([], ['--set', 'gateway.metrics.serviceMonitor=true']);
  const monitor = named(docs, 'ServiceMonitor', 'rel-hatchway-gateway');
  const service = named(docs, 'Service', 'rel-hatchway-gateway');
  assert.ok(selects(monitor.spec.selector, service.metadata.labels));
  assert.ok(
    !selects(
      monitor.spec.selector,
      named(docs, 'Service', 'rel-hatchway').metadata.labels,
    ),
  );
  assert.deepEqual(
    monitor.spec.endpoints.map(e => [e.port, e.path]),
    [['http', '/metrics']],
  );
  assert.ok(service.spec.ports.some(p => p.name === 'http'));
  const ingress = named(docs, 'NetworkPolicy', 'rel-hatchway-gateway').spec
    .ingress;
  assert.deepEqual(ingress[1].from, [
    {
      namespaceSelector: {
        matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' },
      },
    },
  ]);
  assert.equal(byKind(render([]), 'ServiceMonitor').length, 0);
});
