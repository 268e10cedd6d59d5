import type { VClusterProvisionerExtensionPoint } from '../extensions';
import type { VClusterProvisioner } from './types';

/**
 * The provisioners a backend knows, by type: the implementation behind
 * `vclusterProvisionerExtensionPoint`. Two provisioners of one type would make config ambiguous,
 * so the second is refused at startup rather than silently winning.
 * @public
 */
export class VClusterProvisionerRegistry
  implements VClusterProvisionerExtensionPoint
{
  private readonly byType = new Map<string, VClusterProvisioner>();

  /** A registry holding the given provisioners (typically the built-in ones). */
  static create(provisioners: VClusterProvisioner[] = []) {
    const registry = new VClusterProvisionerRegistry();
    provisioners.forEach(p => registry.addProvisioner(p));
    return registry;
  }

  private constructor() {}

  addProvisioner(provisioner: VClusterProvisioner): void {
    if (this.byType.has(provisioner.type)) {
      throw new Error(
        `A vCluster provisioner of type '${provisioner.type}' is already registered`,
      );
    }
    this.byType.set(provisioner.type, provisioner);
  }

  /** The provisioner of a type; throws naming the known types when there is none. */
  get(type: string): VClusterProvisioner {
    const provisioner = this.byType.get(type);
    if (!provisioner) {
      throw new Error(
        `No vCluster provisioner of type '${type}'; known types: ${[
          ...this.byType.keys(),
        ].join(', ')}`,
      );
    }
    return provisioner;
  }

  /** The registered types, in registration order. */
  types(): string[] {
    return [...this.byType.keys()];
  }
}
