import { ANNOTATION_PREFIX } from '@hatchway/kube-emulator';
import {
  eventually,
  HostCluster,
  startHostCluster,
} from '../__testUtils__/hostCluster';
import { specFor } from '../__testUtils__/specs';
import { DirectProvisioner } from '../direct/DirectProvisioner';
import { MERGE_PATCH } from '../kube/requests';
import { observeControlPlane } from './observeControlPlane';

describe('observeControlPlane: Failed', () => {
  let host: HostCluster;
  const provisioner = DirectProvisioner.create();

  beforeAll(async () => {
    host = await startHostCluster();
  });
  afterAll(() => host.close());

  it('reports a control plane whose image cannot be pulled', async () => {
    await provisioner.apply(specFor('pull'), host.kubeConfig);
    // The emulator's kubelet fails to pull the syncer's image from now on, as for a bad tag.
    await host.apps.patchNamespacedStatefulSet(
      {
        name: 'pull',
        namespace: 'vcluster-pull',
        body: {
          spec: {
            template: {
              metadata: {
                annotations: {
                  [`${ANNOTATION_PREFIX}behavior.syncer`]: 'image-pull-backoff',
                },
              },
            },
          },
        },
      },
      MERGE_PATCH,
    );
    const failed = await eventually(async () => {
      const observed = await observeControlPlane(
        { name: 'pull', cluster: 'host' },
        host.kubeConfig,
      );
      return observed.phase === 'Failed' && observed;
    }, 'Failed');
    expect(failed.reason).toMatch(
      /^(ErrImagePull|ImagePullBackOff) \(pod pull-0, container syncer\): .*ghcr\.io\/loft-sh\/vcluster-oss:0\.29\.3/,
    );
  });

  it('reports a control plane pod the namespace quota refuses', async () => {
    const spec = specFor('quota');
    await provisioner.apply(spec, host.kubeConfig);
    // The StatefulSet controller's event when admission refuses the pod (the emulator does not
    // enforce quotas, so the test records it the way kube-controller-manager does).
    const message =
      'create Pod quota-0 in StatefulSet quota failed error: pods "quota-0" is forbidden: exceeded quota: vc-quota, requested: requests.memory=256Mi, used: requests.memory=4Gi, limited: requests.memory=4Gi';
    // Its pod never turns ready, as when the quota keeps it from being created at all.
    await host.apps.patchNamespacedStatefulSet(
      {
        name: 'quota',
        namespace: 'vcluster-quota',
        body: {
          spec: {
            template: {
              metadata: {
                annotations: {
                  [`${ANNOTATION_PREFIX}behavior`]: 'never-ready',
                },
              },
            },
          },
        },
      },
      MERGE_PATCH,
    );
    await host.core.createNamespacedEvent({
      namespace: 'vcluster-quota',
      body: {
        metadata: { name: 'quota.refused', namespace: 'vcluster-quota' },
        involvedObject: {
          kind: 'StatefulSet',
          name: 'quota',
          namespace: 'vcluster-quota',
        },
        reason: 'FailedCreate',
        message,
        type: 'Warning',
      },
    });
    const failed = await eventually(async () => {
      const observed = await observeControlPlane(
        { name: 'quota', cluster: 'host' },
        host.kubeConfig,
      );
      return observed.phase === 'Failed' && observed;
    }, 'Failed');
    expect(failed.reason).toBe(`QuotaExceeded: ${message}`);
  });
});
