import {
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import { DirectProvisioner } from './direct/DirectProvisioner';
import { vclusterProvisionerExtensionPoint } from './extensions';
import { VClusterProvisionerRegistry } from './provisioner/VClusterProvisionerRegistry';
import type { VClusterProvisioner } from './provisioner/types';

/** A provisioner of another type, as a third-party module would add one (its behaviour is not under test). */
const custom = (type: string): VClusterProvisioner => ({
  type,
  apply: async () => undefined,
  observe: async () => ({ phase: 'Absent' }),
  sleep: async () => undefined,
  wake: async () => undefined,
  delete: async () => undefined,
  readKubeconfig: async () => undefined,
});

describe('vclusterProvisionerExtensionPoint', () => {
  it('lets a backend module add a provisioner the plugin then finds by type', async () => {
    const registry = VClusterProvisionerRegistry.create([
      DirectProvisioner.create(),
    ]);
    let typesAtInit: string[] = [];
    const plugin = createBackendPlugin({
      pluginId: 'vcluster',
      register(env) {
        env.registerExtensionPoint(vclusterProvisionerExtensionPoint, registry);
        env.registerInit({
          deps: {},
          async init() {
            typesAtInit = registry.types();
          },
        });
      },
    });
    const module = createBackendModule({
      pluginId: 'vcluster',
      moduleId: 'capi-provisioner',
      register(env) {
        env.registerInit({
          deps: { provisioners: vclusterProvisionerExtensionPoint },
          async init({ provisioners }) {
            provisioners.addProvisioner(custom('capi'));
          },
        });
      },
    });
    const backend = await startTestBackend({ features: [plugin, module] });
    expect(typesAtInit).toEqual(['direct', 'capi']);
    expect(registry.get('capi').type).toBe('capi');
    await backend.stop();
  });

  it('refuses a second provisioner of a type and names the known types', () => {
    const registry = VClusterProvisionerRegistry.create([
      DirectProvisioner.create(),
    ]);
    expect(() => registry.addProvisioner(DirectProvisioner.create())).toThrow(
      "A vCluster provisioner of type 'direct' is already registered",
    );
    expect(() => registry.get('flux')).toThrow(
      "No vCluster provisioner of type 'flux'; known types: direct",
    );
  });
});
