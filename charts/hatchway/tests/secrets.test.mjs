// Secrets: only references in the pods, Secret objects made by the External Secrets Operator.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { byKind, podTemplates, scenario } from './helpers.mjs';

describe('dev values: Secrets created by hand', () => {
  const { docs, portal, portalEnv } = scenario('dev-values.yaml');

  test('mounts the ticket signing key as a file from its Secret', () => {
    const spec = portal.spec.template.spec;
    const file = portalEnv.TERMINAL_SIGNING_KEY_FILE.value;
    const volume = spec.volumes.find(v => v.secret);
    assert.equal(volume.secret.secretName, 'hatchway-terminal-signing-key');
    const mount = spec.containers[0].volumeMounts.find(
      m => m.name === volume.name,
    );
    assert.equal(
      path.posix.join(mount.mountPath, volume.secret.items[0].path),
      file,
    );
    assert.equal(portalEnv.TERMINAL_SIGNING_KEY_ID.value, 'hatchway-1');
    assert.deepEqual(portalEnv.AUTH_OIDC_CLIENT_SECRET.valueFrom.secretKeyRef, {
      name: 'hatchway-oidc',
      key: 'client-secret',
    });
  });

  test('renders no ExternalSecret unless asked', () => {
    assert.equal(byKind(docs, 'ExternalSecret').length, 0);
  });
});

describe('production values: Secrets from the External Secrets Operator', () => {
  const { docs, portal, portalEnv } = scenario('production-values.yaml');

  test('creates every Secret the pods read through an ExternalSecret', () => {
    const externalSecrets = byKind(docs, 'ExternalSecret');
    assert.equal(externalSecrets.length, 3);
    for (const es of externalSecrets) {
      assert.equal(es.apiVersion, 'external-secrets.io/v1beta1');
      assert.deepEqual(es.spec.secretStoreRef, {
        name: 'vault',
        kind: 'ClusterSecretStore',
      });
      assert.equal(es.spec.refreshInterval, '1h');
      for (const d of es.spec.data) assert.ok(d.remoteRef.key);
    }
    const provided = new Set(
      externalSecrets.flatMap(es =>
        es.spec.data.map(d => `${es.spec.target.name}/${d.secretKey}`),
      ),
    );
    for (const { spec } of podTemplates(docs)) {
      for (const c of spec.containers) {
        for (const e of c.env.filter(e => e.valueFrom?.secretKeyRef)) {
          const ref = e.valueFrom.secretKeyRef;
          assert.ok(
            provided.has(`${ref.name}/${ref.key}`),
            `${ref.name}/${ref.key}`,
          );
        }
      }
      for (const v of spec.volumes ?? []) {
        for (const item of v.secret?.items ?? []) {
          assert.ok(provided.has(`${v.secret.secretName}/${item.key}`));
        }
      }
    }
  });

  test('signs in with OIDC and reads the organisation from the mounted ConfigMap', () => {
    assert.equal(portalEnv.AUTH_OIDC_CLIENT_ID.value, 'hatchway-portal');
    assert.equal(portalEnv.AUTH_OIDC_EMAIL_DOMAIN.value, 'example.com');
    assert.deepEqual(portalEnv.AUTH_SESSION_SECRET.valueFrom.secretKeyRef, {
      name: 'hatchway-oidc',
      key: 'session-secret',
    });
    const spec = portal.spec.template.spec;
    const volume = spec.volumes.find(v => v.configMap?.name === 'hatchway-org');
    const mount = spec.containers[0].volumeMounts.find(
      m => m.name === volume.name,
    );
    assert.equal(portalEnv.HATCHWAY_ORG_LOCATION_TYPE.value, 'file');
    assert.equal(
      portalEnv.HATCHWAY_ORG_LOCATION.value,
      path.posix.join(mount.mountPath, volume.configMap.items[0].path),
    );
  });
});
