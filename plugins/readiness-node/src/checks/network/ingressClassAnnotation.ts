import { docsUrl, fail, objectCheck, pass } from '../../engine/defineCheck';
import { fieldPath } from '../../kube/paths';

const ANNOTATION = 'kubernetes.io/ingress.class';

/** The annotation has been deprecated since Kubernetes 1.18; controllers are dropping it. */
export const ingressClassAnnotation = objectCheck(
  {
    id: 'ingress-class-annotation',
    title: 'Ingresses use ingressClassName, not the deprecated annotation',
    severity: 'warning',
    category: 'networking',
    remediation: `Replace the ${ANNOTATION} annotation with spec.ingressClassName.`,
    docsUrl: docsUrl('ingress-class-annotation'),
    appliesTo: ['Ingress'],
  },
  {
    select: context => context.ofKind('Ingress'),
    evaluate(ingress) {
      const value = ingress.metadata?.annotations?.[ANNOTATION];
      if (value === undefined)
        return pass(`The Ingress does not use the ${ANNOTATION} annotation.`);
      return fail(
        `The Ingress uses the deprecated ${ANNOTATION} annotation ("${value}").`,
        [fieldPath('metadata', 'annotations', ANNOTATION)],
      );
    },
  },
);
