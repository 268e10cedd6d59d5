import { renderManagerRoleBinding } from '@hatchway/plugin-vcluster-node';
import { RunningApiServer, startApiServer } from '@hatchway/kube-emulator';
import {
  AdmissionregistrationV1Api,
  ApiException,
  CoreV1Api,
  KubeConfig,
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
} from '@kubernetes/client-node';
import {
  RELEASE,
  renderChart,
  serviceAccountUser,
} from './__testUtils__/chartRbacCluster';

/*
 * The chart's ValidatingAdmissionPolicy, enforced by the emulator with the chart's RBAC on: the
 * portal's ServiceAccount may create and change only vcluster-* namespaces, and write the
 * hatchway-manager RoleBinding only inside them — what RBAC alone cannot confine (create is not
 * limited by resourceNames, and the binding's namespace is not limited at all).
 */

/** Namespaces, ServiceAccounts, RBAC and admission policies: what confines the portal. */
const confining = (o: KubernetesObject) =>
  (o.apiVersion === 'v1' &&
    ['Namespace', 'ServiceAccount'].includes(o.kind!)) ||
  o.apiVersion === 'rbac.authorization.k8s.io/v1' ||
  o.apiVersion === 'admissionregistration.k8s.io/v1';

/** The status of a request that must fail, with its Status body. */
async function failure(request: Promise<unknown>) {
  try {
    await request;
  } catch (e) {
    if (!(e instanceof ApiException)) throw e;
    const body = typeof e.body === 'string' ? JSON.parse(e.body) : e.body;
    return { code: e.code, reason: body.reason, message: body.message };
  }
  throw new Error('expected the request to be refused, but it succeeded');
}

describe('the chart’s ValidatingAdmissionPolicy on an emulated cluster', () => {
  const objects = renderChart([], ['ci/production-values.yaml']);
  const policy = objects.find(o => o.kind === 'ValidatingAdmissionPolicy')!;
  const binding = objects.find(
    o => o.kind === 'ValidatingAdmissionPolicyBinding',
  )!;
  const portalUser = serviceAccountUser(objects, 'rel-hatchway');
  const managerClusterRole = 'rel-hatchway-vcluster-manager';
  const denied = (what: string) =>
    `ValidatingAdmissionPolicy '${policy.metadata!.name}' with binding '${
      binding.metadata!.name
    }' denied request: ${what}`;
  const NAMESPACE_RULE =
    'The Hatchway portal may create, change and delete only namespaces named vcluster-*.';
  const BINDING_RULE =
    'The Hatchway portal may write RoleBindings only in namespaces named vcluster-*.';

  let server: RunningApiServer;
  let admin: KubeConfig;
  let portal: KubeConfig;
  beforeAll(async () => {
    server = await startApiServer({
      port: 0,
      rbac: true,
      tokens: { 'portal-token': portalUser },
    });
    const toApply = objects.filter(confining);
    const namespaces = new Set([
      RELEASE.namespace,
      ...toApply
        .map(o => o.metadata?.namespace)
        .filter((n): n is string => !!n),
    ]);
    await server.applyManifests(
      [
        ...[...namespaces].map(name => ({
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name },
        })),
        ...toApply,
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } },
      ]
        .map(o => JSON.stringify(o))
        .join('\n---\n'),
    );
    admin = new KubeConfig();
    admin.loadFromString(server.kubeConfig());
    portal = new KubeConfig();
    portal.loadFromString(server.kubeConfig(portalUser));
  });
  afterAll(() => server.close());

  const createNamespace = (kc: KubeConfig, name: string) =>
    kc
      .makeApiClient(CoreV1Api)
      .createNamespace({ body: { metadata: { name } } });
  /** Applies RoleBinding hatchway-manager as the portal's provisioner does (server-side apply). */
  const applyManagerBinding = (namespace: string) =>
    KubernetesObjectApi.makeApiClient(portal).patch(
      renderManagerRoleBinding(namespace, {
        clusterRole: managerClusterRole,
        serviceAccount: {
          name: portalUser.split(':').pop()!,
          namespace: RELEASE.namespace,
        },
      }) as KubernetesObject,
      undefined,
      undefined,
      'hatchway',
      true,
      PatchStrategy.ServerSideApply,
    );

  it('renders a policy that confines the portal’s ServiceAccount, refusing with 403 Forbidden as RBAC does', () => {
    expect(portalUser).toBe('system:serviceaccount:portal:rel-hatchway');
    const spec = (policy as any).spec;
    expect(spec.failurePolicy).toBe('Fail');
    expect(spec.matchConditions).toEqual([
      {
        name: 'portal-service-account',
        expression: `request.userInfo.username == '${portalUser}'`,
      },
    ]);
    expect(spec.validations.map((v: any) => v.reason)).toEqual([
      'Forbidden',
      'Forbidden',
      'Forbidden',
    ]);
    expect((binding as any).spec).toEqual({
      policyName: policy.metadata!.name,
      validationActions: ['Deny'],
    });
  });

  it('lets the portal create a vcluster-* namespace', async () => {
    const created = await createNamespace(portal, 'vcluster-demo');
    expect(created.metadata?.name).toBe('vcluster-demo');
  });

  it.each(['kube-evil', 'default-x'])(
    'refuses the portal namespace %s with the policy’s message',
    async name => {
      expect(await failure(createNamespace(portal, name))).toEqual({
        code: 403,
        reason: 'Forbidden',
        message: `namespaces "${name}" is forbidden: ${denied(NAMESPACE_RULE)}`,
      });
      await expect(
        admin.makeApiClient(CoreV1Api).readNamespace({ name }),
      ).rejects.toMatchObject({ code: 404 });
    },
  );

  it('refuses the portal relabelling or deleting a namespace outside vcluster-*', async () => {
    const core = portal.makeApiClient(CoreV1Api);
    const relabel = await failure(
      core.patchNamespace({
        name: 'team-a',
        body: [{ op: 'add', path: '/metadata/labels', value: { x: 'y' } }],
      }),
    );
    expect(relabel.code).toBe(403);
    expect(relabel.message).toBe(
      `namespaces "team-a" is forbidden: ${denied(NAMESPACE_RULE)}`,
    );
    expect((await failure(core.deleteNamespace({ name: 'team-a' }))).code).toBe(
      403,
    );
    await core.deleteNamespace({ name: 'vcluster-demo' });
  });

  it('leaves other users alone: the admin may create any namespace', async () => {
    const created = await createNamespace(admin, 'kube-evil');
    expect(created.metadata?.uid).toBeTruthy();
  });

  it('lets the portal apply RoleBinding hatchway-manager in a vcluster-* namespace only', async () => {
    await createNamespace(portal, 'vcluster-rb');
    const applied = await applyManagerBinding('vcluster-rb');
    expect(applied.metadata?.namespace).toBe('vcluster-rb');
    expect(await failure(applyManagerBinding('default'))).toEqual({
      code: 403,
      reason: 'Forbidden',
      message: `rolebindings.rbac.authorization.k8s.io "hatchway-manager" is forbidden: ${denied(
        BINDING_RULE,
      )}`,
    });
  });

  it('is what refuses the RoleBinding in default: without its binding, RBAC alone allows it', async () => {
    await admin
      .makeApiClient(AdmissionregistrationV1Api)
      .deleteValidatingAdmissionPolicyBinding({
        name: binding.metadata!.name!,
      });
    const applied = await applyManagerBinding('default');
    expect(applied.metadata?.namespace).toBe('default');
  });
});
