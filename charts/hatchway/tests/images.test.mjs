// Images: pinned by digest where it matters, and a render that refuses to go on without one.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { named, render, scenario, tryRender } from './helpers.mjs';

describe('production values: images', () => {
  const { portal, gateway, config } = scenario('production-values.yaml');

  test('pins the portal, gateway and runner images by digest', () => {
    const digest = /:0\.1\.0@sha256:[a-f0-9]{64}$/;
    assert.match(portal.spec.template.spec.containers[0].image, digest);
    assert.match(gateway.spec.template.spec.containers[0].image, digest);
    assert.match(
      config.terminal.profiles.shell.image,
      /hatchway-runner:0\.1\.0@sha256:1f2e/,
    );
    assert.deepEqual(config.terminal.profiles.shell.command, ['bash', '-l']);
    assert.match(
      config.vcluster.imageDigests.controlPlane,
      /^sha256:[a-f0-9]{64}$/,
    );
    assert.match(
      config.vcluster.imageDigests.kubernetes,
      /^sha256:[a-f0-9]{64}$/,
    );
    assert.equal(config.terminal.runnerNamespace, 'hatchway-runners');
  });
});

describe('digest requirement', () => {
  for (const [key, name] of [
    ['image.digest', 'image'],
    ['gateway.image.digest', 'gateway.image'],
    ['terminal.runnerImage.digest', 'terminal.runnerImage'],
  ]) {
    test(`fails naming ${key} when it is missing`, () => {
      const res = tryRender(['production-values.yaml'], ['--set', `${key}=`]);
      assert.notEqual(res.status, 0);
      assert.match(
        res.stderr,
        new RegExp(
          `global\\.requireDigests is set but ${name.replace(
            '.',
            '\\.',
          )} has no digest: set ${key.replace(/\./g, '\\.')}`,
        ),
      );
    });
  }
  for (const key of [
    'vcluster.imageDigests.controlPlane',
    'vcluster.imageDigests.kubernetes',
  ]) {
    test(`fails naming ${key} when it is missing, unless vClusters are off`, () => {
      const res = tryRender(['production-values.yaml'], ['--set', `${key}=`]);
      assert.notEqual(res.status, 0);
      assert.match(
        res.stderr,
        new RegExp(`${key.replace(/\./g, '\\.')} is empty: set it`),
      );
      const off = tryRender(
        ['production-values.yaml'],
        ['--set', `${key}=`, '--set', 'vcluster.enabled=false'],
      );
      assert.equal(off.status, 0, off.stderr);
    });
  }

  test('renders tags only when digests are not required', () => {
    const docs = render(['dev-values.yaml']);
    assert.equal(
      named(docs, 'Deployment', 'rel-hatchway-gateway').spec.template.spec
        .containers[0].image,
      'ghcr.io/hatchway-dev/hatchway-gateway:0.1.0',
    );
  });
});
