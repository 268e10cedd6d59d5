import {
  containerCheck,
  docsUrl,
  fail,
  passes,
} from '../../engine/defineCheck';
import { get } from '../../kube/objects';
import { describe } from './securityContext';

const NOT_HOST_PROCESS = passes(
  (label: string) => `${label} is not a HostProcess container.`,
);

/**
 * A Windows HostProcess container runs as a process on the node, with the node's network and
 * file system: on Windows what a privileged container is on Linux. A container's own setting
 * wins over the pod's.
 */
export const noHostProcess = containerCheck(
  {
    id: 'no-host-process',
    title: 'No Windows HostProcess containers',
    severity: 'danger',
    category: 'security',
    remediation:
      'Remove securityContext.windowsOptions.hostProcess: true from the pod and its containers.',
    docsUrl: docsUrl('no-host-process'),
  },
  {
    includeInit: true,
    evaluate(container, workload) {
      const own = get(
        container.container,
        'securityContext',
        'windowsOptions',
        'hostProcess',
      );
      const pod = get(
        workload.podSpec,
        'securityContext',
        'windowsOptions',
        'hostProcess',
      );
      if ((own ?? pod) !== true) return NOT_HOST_PROCESS(describe(container));
      const path =
        own === true
          ? container.at('securityContext.windowsOptions.hostProcess')
          : workload.at('securityContext.windowsOptions.hostProcess');
      return fail(
        `${describe(container)} runs as a Windows HostProcess on the node.`,
        [path],
      );
    },
  },
);
