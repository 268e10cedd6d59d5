import {
  containerCheck,
  docsUrl,
  fail,
  passes,
} from '../../engine/defineCheck';
import { asArray, get } from '../../kube/objects';
import { fieldPath } from '../../kube/paths';
import { describe } from './securityContext';

const NO_HOST_PORT = passes((label: string) => `${label} binds no host port.`);

/**
 * A hostPort binds the port on the node's own address: it bypasses Services and most
 * NetworkPolicy implementations, and limits scheduling to one such pod per node.
 */
export const noHostPort = containerCheck(
  {
    id: 'no-host-port',
    title: 'Containers do not bind host ports',
    severity: 'warning',
    category: 'security',
    remediation:
      'Remove ports[].hostPort and expose the port through a Service (or an Ingress) instead.',
    docsUrl: docsUrl('no-host-port'),
  },
  {
    includeInit: true,
    evaluate(container) {
      const bad = asArray<{ hostPort?: unknown }>(
        get(container.container, 'ports'),
      )
        .map((port, index) => ({ hostPort: get(port, 'hostPort'), index }))
        .filter(
          ({ hostPort }) => hostPort !== undefined && Number(hostPort) !== 0,
        );
      if (bad.length === 0) return NO_HOST_PORT(describe(container));
      return fail(
        `${describe(container)} binds host port ${bad
          .map(b => String(b.hostPort))
          .join(', ')}.`,
        bad.map(({ index }) =>
          container.at(fieldPath('ports', index, 'hostPort')),
        ),
      );
    },
  },
);
