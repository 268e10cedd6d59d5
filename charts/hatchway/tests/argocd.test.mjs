// The Argo CD Applications in deploy/argocd: each renders the chart as Argo CD would (its path,
// release name, value files and destination namespace), syncs as its environment needs, and asks
// only for what the hatchway AppProject permits.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { helm, repoRoot } from './helpers.mjs';

const argocdDir = path.join(repoRoot, 'deploy/argocd');
const read = file =>
  parseYaml(fs.readFileSync(path.join(argocdDir, file), 'utf8'));
const project = read('project.yaml');
const environments = ['dev', 'staging', 'production'];

/** helm template as Argo CD's repo server runs it for an Application. */
function renderApplication(app) {
  const { source, destination } = app.spec;
  const chartPath = path.join(repoRoot, source.path);
  const args = ['template', source.helm.releaseName, chartPath];
  args.push('--namespace', destination.namespace);
  for (const file of source.helm.valueFiles) {
    const resolved = path.resolve(chartPath, file);
    assert.ok(
      resolved.startsWith(`${repoRoot}${path.sep}`),
      `${file} leaves the repository`,
    );
    args.push('-f', resolved);
  }
  return parseAllDocuments(execFileSync(helm, args, { encoding: 'utf8' }))
    .map(d => d.toJSON())
    .filter(Boolean);
}

const groupOf = apiVersion =>
  apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
const listed = (list, object) =>
  list.some(
    r =>
      r.group === groupOf(object.apiVersion) &&
      (r.kind === '*' || r.kind === object.kind),
  );

test('the Application files are exactly one per environment', () => {
  const files = fs
    .readdirSync(argocdDir)
    .filter(f => f.endsWith('.yaml'))
    .sort();
  assert.deepEqual(files, [
    'dev.yaml',
    'production.yaml',
    'project.yaml',
    'staging.yaml',
  ]);
});

for (const env of environments) {
  describe(`${env} Application`, () => {
    const app = read(`${env}.yaml`);
    const docs = renderApplication(app);

    test('points at the chart in this repository, in the hatchway project, deleting what it deployed on removal', () => {
      assert.equal(app.apiVersion, 'argoproj.io/v1alpha1');
      assert.equal(app.kind, 'Application');
      assert.equal(app.metadata.name, `hatchway-${env}`);
      assert.equal(app.spec.source.path, 'charts/hatchway');
      assert.ok(project.spec.sourceRepos.includes(app.spec.source.repoURL));
      assert.equal(app.spec.project, project.metadata.name);
      assert.deepEqual(app.metadata.finalizers, [
        'resources-finalizer.argocd.argoproj.io',
      ]);
      assert.ok(
        app.spec.syncPolicy.syncOptions.includes('CreateNamespace=true'),
      );
      assert.deepEqual(app.spec.source.helm.valueFiles, [
        `../../deploy/argocd/values/${env}.yaml`,
      ]);
    });

    if (env === 'production') {
      test('syncs only by hand and keeps a long history to roll back to', () => {
        assert.equal(app.spec.syncPolicy.automated, undefined);
        const others = environments
          .filter(e => e !== env)
          .map(e => read(`${e}.yaml`).spec.revisionHistoryLimit);
        assert.ok(app.spec.revisionHistoryLimit > Math.max(...others));
        assert.doesNotMatch(app.spec.source.targetRevision, /^(main|HEAD)$/);
      });
    } else {
      test('syncs automatically, pruning and healing drift', () => {
        assert.deepEqual(app.spec.syncPolicy.automated, {
          prune: true,
          selfHeal: true,
        });
      });
    }

    test('renders the chart with its values into the destination namespace', () => {
      const deployments = docs.filter(d => d.kind === 'Deployment');
      assert.deepEqual(deployments.map(d => d.metadata.name).sort(), [
        'hatchway',
        'hatchway-gateway',
      ]);
      for (const d of deployments) {
        assert.equal(d.metadata.namespace, app.spec.destination.namespace);
      }
      const values = parseYaml(
        fs.readFileSync(path.join(argocdDir, 'values', `${env}.yaml`), 'utf8'),
      );
      const config = docs.find(d => d.kind === 'ConfigMap').data[
        'app-config.chart.yaml'
      ];
      assert.match(config, new RegExp(`baseUrl: "${values.baseUrl}"`));
      if (env !== 'dev') {
        for (const d of deployments) {
          assert.match(
            d.spec.template.spec.containers[0].image,
            /@sha256:[a-f0-9]{64}$/,
          );
        }
        assert.ok(docs.some(d => d.kind === 'ExternalSecret'));
      }
    });

    test('asks only for kinds and namespaces the project permits', () => {
      const destination = app.spec.destination;
      const allowed = project.spec.destinations.filter(d =>
        destination.name
          ? d.name === destination.name
          : d.server === destination.server,
      );
      for (const object of docs) {
        const what = `${object.kind} ${object.metadata.name}`;
        if (object.metadata.namespace) {
          assert.ok(
            listed(project.spec.namespaceResourceWhitelist, object),
            `${what} kind`,
          );
          assert.ok(
            allowed.some(d => d.namespace === object.metadata.namespace),
            `${what} in ${object.metadata.namespace}`,
          );
        } else {
          assert.ok(
            listed(project.spec.clusterResourceWhitelist, object),
            `${what} kind`,
          );
        }
      }
    });
  });
}
