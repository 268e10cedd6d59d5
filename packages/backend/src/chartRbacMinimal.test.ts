// eslint-disable-next-line @backstage/no-forbidden-package-imports -- not exported; the test drives the plugin's own Kubernetes code
import { renderRunnerJob } from '@hatchway/plugin-terminal-backend/src/kubernetes/renderRunnerJob';
// eslint-disable-next-line @backstage/no-forbidden-package-imports -- not exported; the test drives the plugin's own Kubernetes code
import { RunnerJobs } from '@hatchway/plugin-terminal-backend/src/kubernetes/RunnerJobs';
import { auditRbac } from './__testUtils__/chartRbacAudit';
import { canI, renderChart, statusOf } from './__testUtils__/chartRbacCluster';
import {
  chartClusterForTests,
  EARLY,
  MANAGER_ROLE,
  named,
  objects,
  PLACES,
  PORTAL,
  statusesOtherThan,
} from './__testUtils__/chartRbacFixture';
import {
  authorizerQuestions,
  portalForbidden,
  SHELL_PROFILE,
} from './__testUtils__/chartRbacRequests';

/*
 * The chart's RBAC is minimal: on an emulated cluster that enforces RBAC, with the escalate and
 * bind checks on Role and RoleBinding writes as Kubernetes runs them, the portal ServiceAccount is
 * refused everything outside its job (403): a table of requests (cluster-wide Secrets, pods/exec,
 * nodes/proxy, writes outside the runner and vcluster-* namespaces...), authorizer questions for
 * bind, escalate and impersonate, and a binding to cluster-admin. The emulator does not evaluate
 * ValidatingAdmissionPolicies: the last tests check what the chart's policy says.
 */

jest.setTimeout(120_000);

const chart = chartClusterForTests();

describe('the portal ServiceAccount', () => {
  it('cannot run a runner outside the runner namespace', async () => {
    const jobs = new RunnerJobs(chart.portal, 'default');
    const manifests = renderRunnerJob({
      jobName: 'stray-runner',
      namespace: 'default',
      profile: SHELL_PROFILE,
      purpose: { pool: 'warm' },
      credential: 'hatchway:x',
      ttlSecondsAfterFinished: 60,
    });
    await expect(statusOf(() => jobs.create(manifests))).resolves.toBe(403);
  });

  it('is refused everything outside its job (403)', async () => {
    const allowed = await statusesOtherThan(
      403,
      chart.portal,
      portalForbidden(PLACES),
    );
    expect(allowed).toEqual([]);
  });

  it('may not bind cluster-admin under the manager binding name (the escalation check)', async () => {
    // Server-side apply, as the provisioner writes hatchway-manager: the portal holds patch and
    // create on rolebindings by that name everywhere, but bind only on the manager ClusterRole.
    const applyBinding = async (namespace: string, roleName: string) => {
      const options: any = { headers: {} };
      await chart.portal.applyToHTTPSOptions(options);
      const res = await fetch(
        `${
          chart.portal.getCurrentCluster()!.server
        }/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}/rolebindings/hatchway-manager?fieldManager=hatchway`,
        {
          method: 'PATCH',
          headers: {
            ...options.headers,
            'content-type': 'application/apply-patch+yaml',
          },
          body: JSON.stringify({
            apiVersion: 'rbac.authorization.k8s.io/v1',
            kind: 'RoleBinding',
            metadata: { name: 'hatchway-manager', namespace },
            roleRef: {
              apiGroup: 'rbac.authorization.k8s.io',
              kind: 'ClusterRole',
              name: roleName,
            },
            subjects: [
              {
                kind: 'ServiceAccount',
                name: PORTAL.split(':')[3],
                namespace: PORTAL.split(':')[2],
              },
            ],
          }),
        },
      );
      const body = await res.json();
      return { status: res.status, message: body.message };
    };
    for (const namespace of ['default', EARLY]) {
      const res = await applyBinding(namespace, 'cluster-admin');
      expect({ namespace, ...res }).toEqual({
        namespace,
        status: 403,
        message: expect.stringContaining(
          'is attempting to grant RBAC permissions not currently held',
        ),
      });
    }
  });

  it('may bind no role but the vCluster manager, escalate nothing and impersonate no one', async () => {
    const answers = await Promise.all(
      authorizerQuestions(PLACES).map(async q => ({
        question: `${q.verb} ${q.group ?? ''}/${q.resource}${
          q.name ? `/${q.name}` : ''
        }${q.namespace ? ` in ${q.namespace}` : ' cluster-wide'}`,
        allowed: await canI(chart.portal, q),
      })),
    );
    expect(answers.filter(a => a.allowed)).toEqual([]);
    // The one bind it holds: the manager role, for the RoleBinding in new vCluster namespaces.
    await expect(
      canI(chart.portal, {
        verb: 'bind',
        group: 'rbac.authorization.k8s.io',
        resource: 'clusterroles',
        name: MANAGER_ROLE,
      }),
    ).resolves.toBe(true);
  });
});

describe('the chart', () => {
  it('grants no exec, escalate, impersonate, nodes/proxy or wildcard, and no Secrets cluster-wide', () => {
    const { findings, boundClusterWide } = auditRbac(objects, MANAGER_ROLE);
    expect(findings).toEqual([]);
    expect(boundClusterWide.has(MANAGER_ROLE)).toBe(false);
  });

  it('confines the portal to vcluster-* namespaces with a ValidatingAdmissionPolicy', () => {
    // Rendered for clusters that enforce it (Kubernetes 1.30+); the emulator does not, so this
    // checks what the policy says, not what it does.
    const policy = named('ValidatingAdmissionPolicy', '-vcluster-namespaces');
    expect(policy.spec.matchConditions[0].expression).toBe(
      `request.userInfo.username == '${PORTAL}'`,
    );
    const expressions = policy.spec.validations.map((v: any) => v.expression);
    expect(expressions).toEqual(
      expect.arrayContaining([
        "request.resource.resource != 'namespaces' || request.name.startsWith('vcluster-')",
        "request.resource.resource != 'rolebindings' || request.namespace.startsWith('vcluster-')",
      ]),
    );
    expect(expressions.join(' ')).toContain(`'${MANAGER_ROLE}'`);
    const binding = named(
      'ValidatingAdmissionPolicyBinding',
      '-vcluster-namespaces',
    );
    expect(binding.spec).toEqual({
      policyName: policy.metadata.name,
      validationActions: ['Deny'],
    });
  });

  it('renders no vCluster rights and no policy when vCluster is off', () => {
    const kinds = renderChart(['vcluster.enabled=false']).map(
      o => `${o.kind} ${o.metadata?.name}`,
    );
    expect(kinds.filter(k => /vcluster/.test(k))).toEqual([]);
  });
});
