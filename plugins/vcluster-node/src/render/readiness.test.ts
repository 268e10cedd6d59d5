import {
  EXEMPT_ANNOTATION,
  EXEMPT_REASON_ANNOTATION,
  evaluate,
  KubernetesObject,
} from '@hatchway/plugin-readiness-node';
import { specFor } from '../__testUtils__/specs';
import { renderVClusterObjects } from './renderVClusterObjects';
import { BUILT_IN_SIZE_PRESETS } from './sizePresets';
import type { VClusterRenderOptions } from './options';

/** Options as a production host cluster would configure them. */
const production: VClusterRenderOptions = {
  ingressNamespaceSelector: {
    matchLabels: { 'kubernetes.io/metadata.name': 'hatchway' },
  },
  // Test values in the digest format: the real digests of the pinned images are configured by
  // the platform team (Hatchway cannot resolve them offline).
  imageDigests: {
    controlPlane: `sha256:${'a'.repeat(64)}`,
    kubernetes: `sha256:${'b'.repeat(64)}`,
  },
};

/** Evaluates like `hatchway-readiness scan --profile production` over the rendered manifests. */
function scan(objects: object[]) {
  return evaluate(objects as KubernetesObject[], {
    profile: 'production',
    now: new Date('2026-01-01T00:00:00Z'),
  });
}

const failedDanger = (result: ReturnType<typeof scan>) =>
  result.findings
    .filter(f => f.status === 'failed' && f.severity === 'danger')
    .map(
      f => `${f.checkId}: ${f.resource.kind}/${f.resource.name}: ${f.message}`,
    );

describe('rendered objects at readiness profile production', () => {
  it.each(Object.keys(BUILT_IN_SIZE_PRESETS))(
    'size %s has no failed danger finding',
    preset => {
      const result = scan(
        renderVClusterObjects(specFor('team-a', preset), production),
      );
      expect(failedDanger(result)).toEqual([]);
      // The engine really looked at the control plane and the namespace.
      const checked = new Set(result.findings.map(f => f.resource.kind));
      expect([...checked]).toEqual(
        expect.arrayContaining(['StatefulSet', 'Namespace', 'Role']),
      );
      expect(
        result.findings.some(
          f => f.checkId === 'metadata-egress-blocked' && f.status === 'passed',
        ),
      ).toBe(true);
    },
  );

  it('without configured digests only the image-digest check fails at danger', () => {
    const { imageDigests, ...withoutDigests } = production;
    const result = scan(
      renderVClusterObjects(specFor('team-a'), withoutDigests),
    );
    expect(failedDanger(result)).toEqual([
      expect.stringMatching(/^image-digest: .*"syncer"/),
      expect.stringMatching(/^image-digest: .*"kubernetes"/),
    ]);
  });

  it("single-replica and the syncer's exec findings are exempted with a reason, not hidden", () => {
    const result = scan(renderVClusterObjects(specFor('team-a'), production));
    const exempted = result.findings
      .filter(f => f.status === 'exempted')
      .map(f => `${f.checkId} ${f.resource.kind}: ${f.exemption?.reason}`)
      .sort();
    expect(exempted).toEqual([
      expect.stringMatching(
        /^anti-affinity-or-spread StatefulSet: .*embedded SQLite/,
      ),
      expect.stringMatching(/^min-replicas StatefulSet: .*embedded SQLite/),
      expect.stringMatching(
        /^rbac-pod-exec Role: The vCluster syncer runs kubectl exec/,
      ),
      expect.stringMatching(
        /^rbac-pod-exec-binding RoleBinding: The vCluster syncer/,
      ),
    ]);
    const sts = renderVClusterObjects(specFor('team-a')).find(
      o => o.kind === 'StatefulSet',
    );
    expect(Object.keys(sts?.metadata?.annotations ?? {})).toEqual([
      EXEMPT_ANNOTATION,
      EXEMPT_REASON_ANNOTATION,
    ]);
  });
});
