import { docsUrl, fail, pass, workloadCheck } from '../../engine/defineCheck';
import { get } from '../../kube/objects';

/**
 * Without a priority class every pod has priority 0: under node pressure the scheduler may
 * preempt or the kubelet evict it as readily as a throwaway batch pod.
 */
export const priorityClassSet = workloadCheck(
  {
    id: 'priority-class-set',
    title: 'Pods name a priority class',
    severity: 'warning',
    category: 'reliability',
    remediation:
      'Set priorityClassName on the pod spec to a PriorityClass that reflects how important the workload is.',
    docsUrl: docsUrl('priority-class-set'),
  },
  {
    evaluate(workload) {
      const name = get(workload.podSpec, 'priorityClassName');
      if (typeof name === 'string' && name.trim() !== '')
        return pass(`Pods run with priority class ${name}.`);
      return fail('Pods name no priority class.', [
        workload.at('priorityClassName'),
      ]);
    },
  },
);
