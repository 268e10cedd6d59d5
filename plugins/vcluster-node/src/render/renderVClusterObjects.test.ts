import {
  KubernetesObject,
  V1Secret,
  V1StatefulSet,
} from '@kubernetes/client-node';
import { parse, stringify } from 'yaml';
import { chartSchemaValidator } from '../__testUtils__/chartSchema';
import { specFor } from '../__testUtils__/specs';
import { chartDefaultValues } from '../chart/chartDefaults';
import {
  VCLUSTER_CHART_VERSION,
  VCLUSTER_IMAGE,
  VCLUSTER_KUBERNETES_IMAGE_TAG,
} from '../chart/version';
import { hatchwayValues } from './hatchwayValues';
import {
  mergedChartValues,
  renderVClusterObjects,
} from './renderVClusterObjects';
import { BUILT_IN_SIZE_PRESETS } from './sizePresets';

/** The objects as YAML, with the config Secret's document decoded so reviews can read it. */
function readable(objects: KubernetesObject[]): string {
  return objects
    .map(object => {
      if (object.kind !== 'Secret') return stringify(object);
      const secret = object as V1Secret;
      const config = Buffer.from(secret.data!['config.yaml'], 'base64');
      return stringify({
        ...secret,
        data: { 'config.yaml (decoded)': config.toString() },
      });
    })
    .join('---\n');
}

const find = <T>(objects: KubernetesObject[], kind: string, name?: string) =>
  objects.find(
    o => o.kind === kind && (!name || o.metadata?.name === name),
  ) as T;

describe('renderVClusterObjects', () => {
  const validate = chartSchemaValidator();

  it.each(Object.keys(BUILT_IN_SIZE_PRESETS))(
    'renders the pinned chart for size %s (golden)',
    preset => {
      const objects = renderVClusterObjects(specFor('team-a', preset), {
        ingressNamespaceSelector: {
          matchLabels: { 'hatchway.dev/portal': 'true' },
        },
      });
      expect(readable(objects)).toMatchSnapshot();
    },
  );

  it('renders in apply order, everything in vcluster-<name>', () => {
    const objects = renderVClusterObjects(specFor('team-a'));
    expect(objects.map(o => `${o.kind}/${o.metadata?.name}`)).toEqual([
      'Namespace/vcluster-team-a',
      'ResourceQuota/vc-team-a',
      'LimitRange/vc-team-a',
      'NetworkPolicy/hatchway-isolation',
      'ServiceAccount/vc-team-a',
      'ServiceAccount/vc-workload-team-a',
      'Role/vc-team-a',
      'RoleBinding/vc-team-a',
      'Secret/vc-config-team-a',
      'Service/team-a',
      'Service/team-a-headless',
      'StatefulSet/team-a',
    ]);
    for (const object of objects.slice(1))
      expect(object.metadata?.namespace).toBe('vcluster-team-a');
  });

  const managerRoleBinding = {
    clusterRole: 'hatchway-vcluster-manager',
    serviceAccount: { namespace: 'hatchway', name: 'hatchway' },
  };

  it('with a manager RoleBinding configured, renders it right after the namespace (golden)', () => {
    const objects = renderVClusterObjects(specFor('team-a'), {
      managerRoleBinding,
    });
    expect(
      objects.slice(0, 3).map(o => `${o.kind}/${o.metadata?.name}`),
    ).toEqual([
      'Namespace/vcluster-team-a',
      'RoleBinding/hatchway-manager',
      'ResourceQuota/vc-team-a',
    ]);
    expect(stringify(objects[1])).toMatchSnapshot();
    // Nothing else changes: the rest is what renders without the option.
    expect(objects.filter((_, i) => i !== 1)).toEqual(
      renderVClusterObjects(specFor('team-a')),
    );
  });

  it('labels the namespace with a sanitised owner and annotates the exact ref', () => {
    const ns = renderVClusterObjects(
      specFor('team-a', 'small', { owner: 'group:default/team-a' }),
    )[0];
    expect(ns.metadata?.labels).toEqual({
      'app.kubernetes.io/managed-by': 'hatchway',
      'hatchway.dev/owner': 'group.default.team-a',
    });
    expect(ns.metadata?.annotations).toEqual({
      'hatchway.dev/owner': 'group:default/team-a',
    });
  });

  it('runs the pinned image non-root with the preset resources over the chart defaults', () => {
    const sts = find<V1StatefulSet>(
      renderVClusterObjects(specFor('team-a', 'medium')),
      'StatefulSet',
    );
    expect(sts.metadata?.labels).toMatchObject({
      app: 'vcluster',
      release: 'team-a',
    });
    const pod = sts.spec!.template.spec!;
    const [syncer] = pod.containers;
    expect(syncer.image).toBe(VCLUSTER_IMAGE);
    expect(syncer.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 12345,
    });
    // The chart's ephemeral-storage defaults survive the merge, as with Helm.
    expect(syncer.resources).toEqual({
      requests: { cpu: '500m', memory: '512Mi', 'ephemeral-storage': '1Gi' },
      limits: { cpu: '2', memory: '2Gi', 'ephemeral-storage': '8Gi' },
    });
    expect(pod.initContainers![0].image).toBe(
      `ghcr.io/loft-sh/kubernetes:${VCLUSTER_KUBERNETES_IMAGE_TAG}`,
    );
    expect(
      sts.spec?.volumeClaimTemplates?.[0].spec?.resources?.requests,
    ).toEqual({
      storage: '5Gi',
    });
  });

  it('pins images by digest as <tag>@<digest> when configured', () => {
    const digest = `sha256:${'c'.repeat(64)}`;
    const sts = find<V1StatefulSet>(
      renderVClusterObjects(specFor('a'), {
        imageDigests: { controlPlane: digest, kubernetes: digest },
      }),
      'StatefulSet',
    );
    expect(sts.spec!.template.spec!.containers[0].image).toBe(
      `${VCLUSTER_IMAGE}@${digest}`,
    );
    expect(sts.spec!.template.spec!.initContainers![0].image).toMatch(
      /@sha256:c{64}$/,
    );
  });

  it('writes exportKubeConfig with the server and a revocable service account', () => {
    const secret = find<V1Secret>(
      renderVClusterObjects(specFor('team-a')),
      'Secret',
    );
    const config = parse(
      Buffer.from(secret.data!['config.yaml'], 'base64').toString(),
    );
    expect(config.exportKubeConfig).toEqual({
      context: '',
      server: 'https://team-a.vcluster-team-a.svc:443',
      insecure: false,
      serviceAccount: {
        name: 'hatchway-admin',
        namespace: 'kube-system',
        clusterRole: 'cluster-admin',
      },
      secret: { name: '', namespace: '' },
    });
    expect(config.controlPlane.proxy.extraSANs).toEqual([
      'team-a.vcluster-team-a.svc',
    ]);
  });

  it('changes the pod template hash when the config changes', () => {
    const hash = (server: string) =>
      find<V1StatefulSet>(
        renderVClusterObjects(
          specFor('a', 'small', { kubeconfigServer: server }),
        ),
        'StatefulSet',
      ).spec!.template.metadata!.annotations!.vClusterConfigHash;
    expect(hash('https://a.example.com')).toMatch(/^[0-9a-f]{64}$/);
    expect(hash('https://a.example.com')).not.toBe(
      hash('https://b.example.com'),
    );
  });

  it("passes the chart's values schema: Hatchway's values and the merged document", () => {
    for (const preset of Object.keys(BUILT_IN_SIZE_PRESETS)) {
      const spec = specFor('team-a', preset, {
        kubeconfigServer: 'https://vc.example.com',
      });
      const options = {
        storageClass: 'fast',
        imageDigests: { controlPlane: 'sha256:00' },
      };
      expect(validate(hatchwayValues(spec, options))).toEqual([]);
      expect(validate(mergedChartValues(spec, options))).toEqual([]);
    }
  });

  it('the schema check can fail: a made-up key is reported', () => {
    expect(
      validate({ exportKubeConfig: { serviceAccountName: 'x' } }),
    ).not.toEqual([]);
  });

  it('the pinned Kubernetes tag is the chart default', () => {
    const defaults = chartDefaultValues();
    expect(defaults.controlPlane.distro.k8s.image.tag).toBe(
      VCLUSTER_KUBERNETES_IMAGE_TAG,
    );
    expect(VCLUSTER_CHART_VERSION).toMatch(/^0\.\d+\.\d+$/);
  });
});
