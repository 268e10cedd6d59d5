/**
 * The vCluster provisioner interface, its extension point, and the renderer of the objects the
 * upstream vcluster chart creates.
 *
 * @packageDocumentation
 */
export * from './provisioner/types';
