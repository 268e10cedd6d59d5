// NetworkPolicies and the runner namespace: who may talk to whom, and never to 169.254.169.254.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import {
  NAMESPACE,
  byKind,
  named,
  render,
  repoRoot,
  scenario,
  selects,
  tryRender,
} from './helpers.mjs';

/** The objects the vCluster plugin renders for one vCluster (its golden snapshot). */
function goldenVCluster() {
  const snapshot = fs.readFileSync(
    path.join(
      repoRoot,
      'plugins/vcluster-node/src/render/__snapshots__/renderVClusterObjects.test.ts.snap',
    ),
    'utf8',
  );
  const yamlText = /size small \(golden\) 1`\] = `\n"([\s\S]*?)"\n`;/.exec(
    snapshot,
  )[1];
  return parseAllDocuments(yamlText.replace(/\\"/g, '"'))
    .map(d => d.toJSON())
    .filter(Boolean);
}

describe('dev values: network boundaries', () => {
  const { docs, portal, gateway, config } = scenario('dev-values.yaml');

  test('creates the runner namespace with restricted Pod Security and default-deny', () => {
    const ns = named(docs, 'Namespace', 'hatchway-runners');
    assert.equal(
      ns.metadata.labels['pod-security.kubernetes.io/enforce'],
      'restricted',
    );
    const deny = named(docs, 'NetworkPolicy', 'default-deny');
    assert.equal(deny.metadata.namespace, 'hatchway-runners');
    assert.deepEqual(deny.spec.podSelector, {});
    assert.deepEqual(deny.spec.policyTypes, ['Ingress', 'Egress']);
    assert.equal(deny.spec.ingress, undefined);
    assert.equal(deny.spec.egress, undefined);
  });

  test('lets only gateway pods reach runners, only on 7681', () => {
    const runnerLabels = { 'app.kubernetes.io/name': 'hatchway-runner' };
    const ingressRules = byKind(docs, 'NetworkPolicy')
      .filter(
        p =>
          p.metadata.namespace === 'hatchway-runners' &&
          selects(p.spec.podSelector, runnerLabels),
      )
      .flatMap(p => p.spec.ingress ?? []);
    assert.equal(ingressRules.length, 1);
    const [rule] = ingressRules;
    assert.deepEqual(rule.ports, [{ port: 7681, protocol: 'TCP' }]);
    for (const peer of rule.from) {
      assert.deepEqual(peer.namespaceSelector.matchLabels, {
        'kubernetes.io/metadata.name': NAMESPACE,
      });
      assert.ok(
        selects(peer.podSelector, gateway.spec.template.metadata.labels),
      );
      assert.ok(
        !selects(peer.podSelector, portal.spec.template.metadata.labels),
      );
    }
    // The gateway's own policy lets it dial exactly there.
    const gatewayPolicy = named(docs, 'NetworkPolicy', 'rel-hatchway-gateway');
    assert.ok(
      gatewayPolicy.spec.egress.some(
        r =>
          r.ports?.some(p => p.port === 7681) &&
          r.to.some(
            t =>
              t.namespaceSelector?.matchLabels[
                'kubernetes.io/metadata.name'
              ] === 'hatchway-runners' && selects(t.podSelector, runnerLabels),
          ),
      ),
    );
  });

  test('caps what sessions can take in the runner namespace', () => {
    const quota = named(docs, 'ResourceQuota', 'runners');
    assert.equal(quota.metadata.namespace, 'hatchway-runners');
    assert.equal(quota.spec.hard.pods, '60');
    // Room for every session the portal admits plus its warm pool.
    assert.ok(
      Number(quota.spec.hard.pods) >=
        config.terminal.limits.global + config.terminal.profiles.shell.warmPool,
    );
  });

  test('runner egress is DNS, vCluster control planes and terminal.runnerEgress only', () => {
    const egress = named(docs, 'NetworkPolicy', 'runner-egress').spec.egress;
    assert.equal(egress.length, 3);
    assert.deepEqual(
      egress[0].ports.map(p => p.port),
      [53, 53],
    );
    assert.deepEqual(egress[1].ports, [{ port: 8443, protocol: 'TCP' }]);
    assert.deepEqual(egress[2], {
      to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }],
      ports: [{ port: 443, protocol: 'TCP' }],
    });
  });

  test('lets runners and the portal reach the control plane pods of the vClusters the plugin renders', () => {
    const vcluster = goldenVCluster();
    const namespace = vcluster.find(o => o.kind === 'Namespace');
    const statefulSet = vcluster.find(o => o.kind === 'StatefulSet');
    const podLabels = statefulSet.spec.template.metadata.labels;
    // The Service kubeconfigs point at (443), and the pod port it forwards to.
    const service = vcluster.find(
      o =>
        o.kind === 'Service' &&
        o.spec.ports.some(p => p.port === 443) &&
        selects({ matchLabels: o.spec.selector }, podLabels),
    );
    const targetPort = service.spec.ports.find(p => p.port === 443).targetPort;
    for (const name of ['runner-egress', 'rel-hatchway']) {
      const rule = named(docs, 'NetworkPolicy', name).spec.egress.find(r =>
        r.to?.some(
          t =>
            t.namespaceSelector &&
            selects(t.namespaceSelector, namespace.metadata.labels) &&
            selects(t.podSelector, podLabels),
        ),
      );
      assert.ok(rule, name);
      assert.deepEqual(rule.ports, [{ port: targetPort, protocol: 'TCP' }]);
    }
    const withoutVClusters = render([], ['--set', 'vcluster.enabled=false']);
    assert.equal(
      named(withoutVClusters, 'NetworkPolicy', 'runner-egress').spec.egress
        .length,
      2,
    );
  });

  test('admits the gateway and the ingress controller to the portal, and the gateway only from the ingress controller', () => {
    const portalPolicy = named(docs, 'NetworkPolicy', 'rel-hatchway');
    const peers = portalPolicy.spec.ingress.flatMap(r => r.from);
    assert.ok(
      peers.some(p =>
        selects(p.podSelector, gateway.spec.template.metadata.labels),
      ),
    );
    const gatewayPolicy = named(docs, 'NetworkPolicy', 'rel-hatchway-gateway');
    assert.deepEqual(gatewayPolicy.spec.ingress[0].from, [
      {
        namespaceSelector: {
          matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' },
        },
      },
    ]);
    assert.equal(gatewayPolicy.spec.ingress.length, 1);
  });
});

test('refuses runner egress to the metadata address itself', () => {
  const res = tryRender(
    [],
    [
      '--set-json',
      'terminal.runnerEgress=[{"cidr":"169.254.169.254/32","ports":[80]}]',
    ],
  );
  assert.notEqual(res.status, 0);
  assert.match(res.stderr, /cloud metadata endpoint/);
});

test('leaves the runner namespace and its policies to someone else when create is false', () => {
  const docs = render([], ['--set', 'terminal.runnerNamespace.create=false']);
  assert.equal(byKind(docs, 'Namespace').length, 0);
  assert.ok(
    !byKind(docs, 'NetworkPolicy').some(
      p => p.metadata.namespace === 'hatchway-runners',
    ),
  );
});

test('lets the portal and the gateway reach an in-cluster Postgres by selector, without a CIDR', () => {
  const peer = {
    namespaceSelector: {
      matchLabels: { 'kubernetes.io/metadata.name': 'db' },
    },
    podSelector: { matchLabels: { app: 'postgres' } },
  };
  const docs = render(
    [],
    [
      '--set-json',
      `networkPolicy.postgresPeers=${JSON.stringify([peer])}`,
      '--set',
      'gateway.networkPolicy.postgresCidr=',
      '--set',
      'postgres.port=6432',
    ],
  );
  for (const name of ['rel-hatchway', 'rel-hatchway-gateway']) {
    const egress = named(docs, 'NetworkPolicy', name).spec.egress;
    const rule = egress.find(r =>
      r.to.some(t => t.podSelector?.matchLabels?.app === 'postgres'),
    );
    assert.ok(rule, name);
    assert.deepEqual(rule.to, [peer]);
    assert.deepEqual(rule.ports, [{ port: 6432, protocol: 'TCP' }]);
  }
  const gatewayEgress = named(docs, 'NetworkPolicy', 'rel-hatchway-gateway')
    .spec.egress;
  assert.ok(!gatewayEgress.some(r => r.to.some(t => t.ipBlock)));
});
