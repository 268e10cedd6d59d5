import { PodLike } from '../types';

/** A container that meets every restricted control. */
export const hardenedContainer = (name: string) => ({
  name,
  image: 'registry.example/app:1.0',
  securityContext: {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
  },
});

/** The spec of a pod that meets every restricted control, with containers app and init. */
export const hardenedSpec = (): Record<string, any> => ({
  securityContext: {
    runAsNonRoot: true,
    seccompProfile: { type: 'RuntimeDefault' },
  },
  initContainers: [hardenedContainer('init')],
  containers: [hardenedContainer('app')],
  volumes: [{ name: 'scratch', emptyDir: {} }],
});

type Spec = Record<string, any>;

/**
 * A restricted-compliant pod changed by `tweak`, which may edit the spec (and annotations) in
 * place; e.g. `pod(s => { s.hostNetwork = true; })`.
 */
export function pod(
  tweak: (spec: Spec, annotations: Record<string, string>) => void = () => {},
): PodLike {
  const spec = hardenedSpec() as Spec;
  const annotations: Record<string, string> = {};
  tweak(spec, annotations);
  return { metadata: { annotations }, spec };
}

/** The securityContext of the pod's `app` container, for tweaks. */
export const app = (spec: Spec): Record<string, any> =>
  spec.containers[0].securityContext;

/** The securityContext of the pod's `init` container, for tweaks. */
export const init = (spec: Spec): Record<string, any> =>
  spec.initContainers[0].securityContext;
