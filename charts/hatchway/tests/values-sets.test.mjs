// Every values set the chart ships with (ci/ and each Argo CD environment): lint, hardened pods,
// no secrets, no RBAC for the gateway, the metadata address out of reach, the Ingresses.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  byKind,
  chartDir,
  cidrContains,
  helm,
  named,
  podTemplates,
  render,
  repoRoot,
  valuesPath,
} from './helpers.mjs';

const METADATA = '169.254.169.254';
const argocdValues = fs
  .readdirSync(path.join(repoRoot, 'deploy/argocd/values'))
  .map(f => `deploy/argocd/values/${f}`);
// Every values set the chart is shipped with: the chart's ci/ files and each Argo CD environment.
const valueSets = [
  ...fs.readdirSync(path.join(chartDir, 'ci')),
  ...argocdValues,
].map(file => ({ file, docs: render([file]) }));

test('helm lint passes for every ci and Argo CD values file', () => {
  for (const { file } of valueSets) {
    const res = spawnSync(helm, ['lint', chartDir, '-f', valuesPath(file)], {
      encoding: 'utf8',
    });
    assert.equal(res.status, 0, `${file}: ${res.stdout}${res.stderr}`);
  }
});

describe('every pod of every values set', () => {
  for (const { file, docs } of valueSets) {
    const pods = podTemplates(docs);
    test(`${file}: portal and gateway run non-root, read-only, without capabilities or a token automount`, () => {
      assert.deepEqual(pods.map(p => p.name).sort(), [
        'Deployment/rel-hatchway',
        'Deployment/rel-hatchway-gateway',
      ]);
      for (const { name, spec } of pods) {
        assert.equal(spec.securityContext.runAsNonRoot, true, name);
        assert.equal(
          spec.securityContext.seccompProfile.type,
          'RuntimeDefault',
          name,
        );
        assert.equal(spec.automountServiceAccountToken, false, name);
        assert.ok(!spec.hostNetwork && !spec.hostPID && !spec.hostIPC, name);
        for (const c of spec.containers) {
          const where = `${name} ${c.name}`;
          assert.equal(
            c.securityContext.allowPrivilegeEscalation,
            false,
            where,
          );
          assert.equal(c.securityContext.readOnlyRootFilesystem, true, where);
          assert.deepEqual(c.securityContext.capabilities.drop, ['ALL'], where);
          assert.ok(!c.securityContext.privileged, where);
          assert.ok(
            c.resources.requests.cpu && c.resources.limits.memory,
            where,
          );
          assert.ok(c.readinessProbe && c.livenessProbe, where);
        }
      }
    });

    test(`${file}: no Secret object, and no secret value in a ConfigMap or env value`, () => {
      assert.deepEqual(byKind(docs, 'Secret'), []);
      const text = JSON.stringify([
        ...byKind(docs, 'ConfigMap'),
        ...pods.flatMap(p => p.spec.containers.flatMap(c => c.env)),
      ]);
      assert.doesNotMatch(text, /BEGIN [A-Z ]*PRIVATE KEY/);
      assert.doesNotMatch(text, /postgres(ql)?:\/\/[^@/"]*:[^@/"]*@/);
      for (const pod of pods) {
        for (const c of pod.spec.containers) {
          for (const e of c.env) {
            if (/PASSWORD|SECRET|TOKEN/.test(e.name)) {
              assert.ok(e.valueFrom?.secretKeyRef, `${pod.name} ${e.name}`);
            }
          }
        }
      }
    });

    test(`${file}: no RoleBinding or ClusterRoleBinding names the gateway's ServiceAccount`, () => {
      const [gatewayPod] = pods.filter(p => p.name.endsWith('-gateway'));
      const account = gatewayPod.spec.serviceAccountName;
      assert.notEqual(account, podTemplates(docs)[0].spec.serviceAccountName);
      const bindings = [
        ...byKind(docs, 'RoleBinding'),
        ...byKind(docs, 'ClusterRoleBinding'),
      ];
      for (const b of bindings) {
        for (const s of b.subjects ?? []) {
          assert.ok(
            !(s.kind === 'ServiceAccount' && s.name === account),
            `${b.kind} ${b.metadata.name} binds ${account}`,
          );
        }
      }
      assert.equal(
        named(docs, 'ServiceAccount', account).automountServiceAccountToken,
        false,
      );
    });

    test(`${file}: every egress ipBlock that contains ${METADATA} excepts it`, () => {
      const blocks = byKind(docs, 'NetworkPolicy').flatMap(p =>
        (p.spec.egress ?? []).flatMap(r =>
          (r.to ?? []).map(t => t.ipBlock).filter(Boolean),
        ),
      );
      assert.ok(blocks.length > 0);
      for (const block of blocks) {
        if (cidrContains(block.cidr, METADATA)) {
          assert.ok(
            (block.except ?? []).some(e => cidrContains(e, METADATA)),
            `${block.cidr} reaches ${METADATA}`,
          );
        }
      }
    });

    test(`${file}: the Ingresses name their class, never the deprecated annotation, and keep WebSockets open an hour or more`, () => {
      const ingresses = byKind(docs, 'Ingress');
      assert.equal(ingresses.length, 2);
      for (const ing of ingresses) {
        assert.ok(ing.spec.ingressClassName);
        assert.equal(
          ing.metadata.annotations?.['kubernetes.io/ingress.class'],
          undefined,
        );
      }
      const gateway = named(docs, 'Ingress', 'rel-hatchway-gateway');
      for (const key of ['proxy-read-timeout', 'proxy-send-timeout']) {
        const value =
          gateway.metadata.annotations[`nginx.ingress.kubernetes.io/${key}`];
        assert.ok(Number(value) >= 3600, `${key}: ${value}`);
      }
    });
  }
});
