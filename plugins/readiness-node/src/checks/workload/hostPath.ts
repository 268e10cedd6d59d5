import { docsUrl, fail, pass, workloadCheck } from '../../engine/defineCheck';
import { asArray, asRecord } from '../../kube/objects';
import { fieldPath } from '../../kube/paths';
import { PodSpec } from '../../kube/types';

type Volume = NonNullable<PodSpec['volumes']>[number];

/** hostPath volumes give the pod the node's filesystem. */
export const noHostPath = workloadCheck(
  {
    id: 'no-host-path',
    title: 'No hostPath volumes',
    severity: 'danger',
    category: 'security',
    remediation:
      'Replace hostPath volumes with emptyDir, a ConfigMap, a Secret or a PersistentVolumeClaim.',
    docsUrl: docsUrl('no-host-path'),
  },
  {
    evaluate(workload) {
      const bad = asArray<Volume>(workload.podSpec.volumes)
        .map((volume, index) => ({ volume, index }))
        .filter(({ volume }) => asRecord(volume?.hostPath));
      if (bad.length === 0) return pass('Pods mount no hostPath volume.');
      const names = bad.map(
        ({ volume }) => `${volume.name} (${volume.hostPath?.path ?? '?'})`,
      );
      return fail(
        `Pods mount host paths: ${names.join(', ')}.`,
        bad.map(({ index }) =>
          workload.at(fieldPath('volumes', index, 'hostPath')),
        ),
      );
    },
  },
);
