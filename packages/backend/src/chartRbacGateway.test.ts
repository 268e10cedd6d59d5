import {
  chartClusterForTests,
  GATEWAY,
  ofKind,
  PLACES,
  statusesOtherThan,
} from './__testUtils__/chartRbacFixture';
import { gatewayForbidden } from './__testUtils__/chartRbacRequests';

/*
 * The gateway needs no Kubernetes API at all: with the chart's RBAC on an emulated cluster that
 * enforces RBAC, its ServiceAccount is refused every read (403), and no binding names it.
 */

jest.setTimeout(120_000);

const chart = chartClusterForTests();

describe('the gateway ServiceAccount', () => {
  it('may read nothing from the Kubernetes API (403)', async () => {
    const allowed = await statusesOtherThan(
      403,
      chart.gateway,
      gatewayForbidden(PLACES),
    );
    expect(allowed).toEqual([]);
  });

  it('is the subject of no binding in the chart', () => {
    const [ns, sa] = GATEWAY.split(':').slice(2);
    const bindings = [
      ...ofKind('RoleBinding'),
      ...ofKind('ClusterRoleBinding'),
    ].filter(b =>
      (b.subjects ?? []).some(
        (s: any) =>
          s.name === sa && (s.namespace ?? b.metadata.namespace) === ns,
      ),
    );
    expect(bindings.map(b => b.metadata.name)).toEqual([]);
  });
});
