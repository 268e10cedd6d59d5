import { createBackendModule } from '@backstage/backend-plugin-api';
import { RunningEmulator } from '@hatchway/kube-emulator';
import { evaluate, KubernetesObject } from '@hatchway/plugin-readiness-node';
import {
  ArgoCdProvisioner,
  VCLUSTER_IMAGE,
  vclusterProvisionerExtensionPoint,
} from '@hatchway/plugin-vcluster-node';
import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  NetworkingV1Api,
  RbacAuthorizationV1Api,
} from '@kubernetes/client-node';
import { installArgoCdCrd } from '@hatchway/plugin-vcluster-node/testUtils';
import {
  adminKubeConfig,
  eventually,
  startHostEmulator,
} from './__testUtils__/emulator';
import {
  hostClusterConfig,
  startVClusterBackend,
} from './__testUtils__/backend';

jest.setTimeout(60_000);

const JANE = 'user:default/jane';
const CONTROL_PLANE_DIGEST = `sha256:${'c'.repeat(64)}`;
const KUBERNETES_DIGEST = `sha256:${'d'.repeat(64)}`;

describe('built-in provisioners', () => {
  let emulator: RunningEmulator;

  beforeAll(async () => {
    emulator = await startHostEmulator();
    const kc = adminKubeConfig(emulator);
    await installArgoCdCrd(kc);
    await kc
      .makeApiClient(CoreV1Api)
      .createNamespace({ body: { metadata: { name: 'gitops' } } });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('picks argocd per host cluster and writes the Application where vcluster.argocd says', async () => {
    const { backend, as } = await startVClusterBackend({
      config: hostClusterConfig(emulator.server.url, {
        hostClusters: [{ name: 'host', provisioner: 'argocd' }],
        argocd: { namespace: 'gitops', project: 'sandboxes' },
        imageDigests: { controlPlane: CONTROL_PLANE_DIGEST },
      }),
    });
    try {
      const res = await as(JANE).post('/clusters', {
        name: 'viaargo',
        size: 'small',
      });
      expect(res.status).toBe(202);
      const custom = adminKubeConfig(emulator).makeApiClient(CustomObjectsApi);
      const app = await eventually(
        () =>
          custom
            .getNamespacedCustomObject({
              group: 'argoproj.io',
              version: 'v1alpha1',
              namespace: 'gitops',
              plural: 'applications',
              name: 'vcluster-viaargo',
            })
            .catch(() => undefined),
        'the Application',
      );
      expect(app.spec.project).toBe('sandboxes');
      // The chart Argo CD renders gets the configured digest too.
      expect(
        app.spec.source.helm.valuesObject.controlPlane.statefulSet.image.tag,
      ).toMatch(new RegExp(`@${CONTROL_PLANE_DIGEST}$`));
      // No Argo CD runs here to sync it: the vCluster waits in Provisioning.
      const { body } = await as(JANE).get('/clusters/viaargo');
      expect(body.phase).toBe('Provisioning');
    } finally {
      await backend.stop();
    }
  });

  it('argocd with managerRoleBinding binds the portal in the vCluster namespace before writing the Application', async () => {
    const { backend, as } = await startVClusterBackend({
      config: hostClusterConfig(emulator.server.url, {
        hostClusters: [
          {
            name: 'host',
            provisioner: 'argocd',
            managerRoleBinding: {
              clusterRole: 'hatchway-vcluster-manager',
              serviceAccount: { namespace: 'hatchway', name: 'hatchway' },
            },
          },
        ],
        argocd: { namespace: 'gitops' },
      }),
    });
    try {
      const res = await as(JANE).post('/clusters', {
        name: 'argoscoped',
        size: 'small',
      });
      expect(res.status).toBe(202);
      const kc = adminKubeConfig(emulator);
      const app = await eventually(
        () =>
          kc
            .makeApiClient(CustomObjectsApi)
            .getNamespacedCustomObject({
              group: 'argoproj.io',
              version: 'v1alpha1',
              namespace: 'gitops',
              plural: 'applications',
              name: 'vcluster-argoscoped',
            })
            .catch(() => undefined),
        'the Application',
      );
      // Written after the namespace and the binding, so both are there already.
      const binding = await kc
        .makeApiClient(RbacAuthorizationV1Api)
        .readNamespacedRoleBinding({
          name: 'hatchway-manager',
          namespace: 'vcluster-argoscoped',
        });
      expect(binding.roleRef.name).toBe('hatchway-vcluster-manager');
      const namespace = await kc
        .makeApiClient(CoreV1Api)
        .readNamespace({ name: 'vcluster-argoscoped' });
      expect(namespace.metadata?.labels?.['hatchway.dev/owner']).toBe(
        'user.default.jane',
      );
      expect(app.spec.syncPolicy.syncOptions).not.toContain(
        'CreateNamespace=true',
      );
    } finally {
      await backend.stop();
    }
  });

  it('direct with managerRoleBinding binds the portal in each vCluster namespace', async () => {
    const { backend, as } = await startVClusterBackend({
      config: hostClusterConfig(emulator.server.url, {
        hostClusters: [
          {
            name: 'host',
            managerRoleBinding: {
              clusterRole: 'hatchway-vcluster-manager',
              serviceAccount: { namespace: 'hatchway', name: 'hatchway' },
            },
          },
        ],
      }),
    });
    try {
      const res = await as(JANE).post('/clusters', {
        name: 'scoped',
        size: 'small',
      });
      expect(res.status).toBe(202);
      const rbac = adminKubeConfig(emulator).makeApiClient(
        RbacAuthorizationV1Api,
      );
      const binding = await eventually(
        () =>
          rbac
            .readNamespacedRoleBinding({
              name: 'hatchway-manager',
              namespace: 'vcluster-scoped',
            })
            .catch(() => undefined),
        'the RoleBinding',
      );
      expect(binding.roleRef.name).toBe('hatchway-vcluster-manager');
      expect(binding.subjects).toEqual([
        { kind: 'ServiceAccount', namespace: 'hatchway', name: 'hatchway' },
      ]);
      await as(JANE).del('/clusters/scoped').expect(202);
    } finally {
      await backend.stop();
    }
  });

  it('runs the control plane by the configured image digests (as the production readiness profile asks) and lets the configured namespaces reach it', async () => {
    const { backend, as } = await startVClusterBackend({
      config: hostClusterConfig(emulator.server.url, {
        imageDigests: {
          controlPlane: CONTROL_PLANE_DIGEST,
          kubernetes: KUBERNETES_DIGEST,
        },
        ingressNamespaces: ['hatchway'],
      }),
    });
    try {
      await as(JANE)
        .post('/clusters', { name: 'pinned', size: 'small' })
        .expect(202);
      const apps = adminKubeConfig(emulator).makeApiClient(AppsV1Api);
      const sts = await eventually(
        () =>
          apps
            .readNamespacedStatefulSet({
              name: 'pinned',
              namespace: 'vcluster-pinned',
            })
            .catch(() => undefined),
        'the StatefulSet',
      );
      const pod = sts.spec!.template.spec!;
      expect(pod.containers[0].image).toBe(
        `${VCLUSTER_IMAGE}@${CONTROL_PLANE_DIGEST}`,
      );
      expect(pod.initContainers![0].image).toMatch(
        new RegExp(
          `^ghcr\\.io/loft-sh/kubernetes:v[0-9.]+@${KUBERNETES_DIGEST}$`,
        ),
      );
      // The live object, scanned like `hatchway-readiness scan --profile production`.
      const findings = evaluate([sts as KubernetesObject], {
        profile: 'production',
      }).findings.filter(f => f.checkId === 'image-digest');
      // One per container: the syncer and the Kubernetes binaries init container.
      expect(findings.map(f => f.status)).toEqual(['passed', 'passed']);
      // The portal's namespace may reach the API server through the isolation policy.
      const policy = await adminKubeConfig(emulator)
        .makeApiClient(NetworkingV1Api)
        .readNamespacedNetworkPolicy({
          name: 'hatchway-isolation',
          namespace: 'vcluster-pinned',
        });
      expect(policy.spec?.ingress).toContainEqual({
        _from: [
          {
            namespaceSelector: {
              matchExpressions: [
                {
                  key: 'kubernetes.io/metadata.name',
                  operator: 'In',
                  values: ['hatchway'],
                },
              ],
            },
          },
        ],
        ports: [{ protocol: 'TCP', port: 8443 }],
      });
      await as(JANE).del('/clusters/pinned').expect(202);
    } finally {
      await backend.stop();
    }
  });

  it('refuses an unknown provisioner type and a module re-registering a built-in one', async () => {
    await expect(
      startVClusterBackend({
        config: hostClusterConfig(emulator.server.url, {
          hostClusters: [{ name: 'host', provisioner: 'flux' }],
        }),
      }),
    ).rejects.toThrow(/provisioner 'flux'.*registered: direct, argocd/);

    const duplicate = createBackendModule({
      pluginId: 'vcluster',
      moduleId: 'second-argocd',
      register(env) {
        env.registerInit({
          deps: { provisioners: vclusterProvisionerExtensionPoint },
          async init({ provisioners }) {
            provisioners.addProvisioner(ArgoCdProvisioner.create());
          },
        });
      },
    });
    await expect(
      startVClusterBackend({
        config: hostClusterConfig(emulator.server.url),
        extraFeatures: [duplicate],
      }),
    ).rejects.toThrow(/type 'argocd' is already registered/);
  });
});
