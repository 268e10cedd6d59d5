import { CheckCase } from '../../__fixtures__/runCheck';
import { KubernetesObject } from '../../kube/types';
import { POD_SECURITY_CONTROLS } from '../controls';
import { PodLike } from '../types';
import { controlCases } from './controlCases';

/** A Deployment running the pod as its template. */
export function deploymentOf(pod: PodLike, name = 'web'): KubernetesObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'shop' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: {
          labels: { app: name },
          annotations: pod.metadata?.annotations ?? {},
        },
        spec: pod.spec,
      },
    },
  };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A passing and a failing scenario for every `pss-*` check, in the shape of the built-in checks'
 * cases (src/__fixtures__/cases), so the shared checks test can run them too.
 */
export const podSecurityCheckCases: CheckCase[] = POD_SECURITY_CONTROLS.flatMap(
  control => {
    const { pass, fail } = controlCases[control.id];
    return [
      ...pass.map(([name, pod]) => ({
        checkId: control.checkId,
        name: `Deployment with ${name}`,
        objects: [deploymentOf(pod)],
        expect: 'passed' as const,
      })),
      ...fail.map(([name, pod, refusal]) => ({
        checkId: control.checkId,
        name: `Deployment with ${name}`,
        objects: [deploymentOf(pod)],
        expect: 'failed' as const,
        message: new RegExp(`^${escape(refusal.message)}$`),
        fieldPaths: ['spec.template.spec'],
      })),
    ];
  },
);
