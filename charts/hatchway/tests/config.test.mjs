// The portal's app-config from values, the schema, and switching parts off.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { named, render, renderText, scenario, tryRender } from './helpers.mjs';

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
