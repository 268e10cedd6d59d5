// The portal's app-config from values, the schema, and switching parts off.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import {
  byKind,
  named,
  render,
  renderText,
  scenario,
  tryRender,
} from './helpers.mjs';

describe('production values: app-config', () => {
  const { portal, config } = scenario('production-values.yaml');

  test('layers the extra app-config', () => {
    assert.ok(
      portal.spec.template.spec.containers[0].args.includes(
        '/config/app-config.extra.yaml',
      ),
    );
    assert.deepEqual(config.hatchway.permission.adminGroups, [
      'group:default/platform',
    ]);
  });
});

describe('schema and switches', () => {
  test('rejects values the schema does not know, naming the key', () => {
    const res = tryRender([], ['--set', 'replicas=3']);
    assert.notEqual(res.status, 0);
    assert.match(res.stderr, /replicas/);
  });

  test('rejects a digest that is not sha256:<64 hex>', () => {
    const res = tryRender([], ['--set', 'gateway.image.digest=sha256:abc']);
    assert.notEqual(res.status, 0);
    assert.match(res.stderr, /digest/);
  });

  test('drops the vCluster host cluster config when vClusters are disabled', () => {
    const config = docs =>
      parseYaml(
        named(docs, 'ConfigMap', 'rel-hatchway-app-config').data[
          'app-config.chart.yaml'
        ],
      );
    assert.equal(
      config(render([])).vcluster.hostClusters[0].kubeconfigServer,
      'https://{name}.{namespace}.svc:443',
    );
    assert.equal(
      config(render([], ['--set', 'vcluster.enabled=false'])).vcluster,
      undefined,
    );
  });

  test('renders with the gateway off: no gateway objects and no dangling references', () => {
    const text = renderText([], ['--set', 'gateway.enabled=false']);
    assert.doesNotMatch(text, /rel-hatchway-gateway/);
  });
});

test('provisions vClusters through Argo CD when asked, and lets the portal write Applications only there', () => {
  const docs = render(
    [],
    [
      '--set',
      'vcluster.argocd.enabled=true',
      '--set',
      'vcluster.argocd.namespace=gitops',
      '--set',
      'vcluster.argocd.project=vclusters',
    ],
  );
  const config = parseYaml(
    named(docs, 'ConfigMap', 'rel-hatchway-app-config').data[
      'app-config.chart.yaml'
    ],
  );
  assert.equal(config.vcluster.hostClusters[0].provisioner, 'argocd');
  assert.deepEqual(config.vcluster.argocd, {
    namespace: 'gitops',
    project: 'vclusters',
  });
  const roles = byKind(docs, 'Role').filter(
    r => r.metadata.namespace === 'gitops',
  );
  assert.equal(roles.length, 1);
  assert.deepEqual(
    roles[0].rules.flatMap(r => r.resources),
    ['applications'],
  );
});

test('tells the vCluster provisioner which ClusterRole to bind to the portal in each vCluster namespace', () => {
  const docs = render([]);
  const config = parseYaml(
    named(docs, 'ConfigMap', 'rel-hatchway-app-config').data[
      'app-config.chart.yaml'
    ],
  );
  const { managerRoleBinding } = config.vcluster.hostClusters[0];
  assert.ok(named(docs, 'ClusterRole', managerRoleBinding.clusterRole));
  const portal = named(docs, 'Deployment', 'rel-hatchway');
  assert.deepEqual(managerRoleBinding.serviceAccount, {
    namespace: 'portal',
    name: portal.spec.template.spec.serviceAccountName,
  });
  // No ClusterRole means no binding to ask for.
  const withoutRbac = parseYaml(
    named(
      render([], ['--set', 'rbac.create=false']),
      'ConfigMap',
      'rel-hatchway-app-config',
    ).data['app-config.chart.yaml'],
  );
  assert.equal(
    withoutRbac.vcluster.hostClusters[0].managerRoleBinding,
    undefined,
  );
});

test('refuses clusters older than 1.30, which lack ValidatingAdmissionPolicy v1', () => {
  const res = tryRender([], ['--kube-version', '1.29.9']);
  assert.notEqual(res.status, 0);
  assert.match(res.stderr, /kubeVersion/);
  assert.equal(tryRender([], ['--kube-version', '1.30.0']).status, 0);
});
