import {
  CheckDefinition,
  ResourceRef,
} from '@hatchway/plugin-readiness-common';
import { KubernetesObject } from '../kube/types';
import { Workload, WorkloadContainer } from '../kube/workloads';
import { CheckContext, CheckOutcome, ReadinessCheck } from './types';

/**
 * Where each check is documented. A placeholder until Hatchway's docs site is published;
 * overriding `docsUrl` per check in a custom check list is always possible.
 * @public
 */
export const CHECK_DOCS_BASE_URL = 'https://hatchway.dev/docs/readiness/checks';

/** The docs link of a check. */
export function docsUrl(id: string): string {
  return `${CHECK_DOCS_BASE_URL}#${id}`;
}

/** A check's verdict on one thing; fieldPaths name what failed. */
export interface Verdict {
  passed: boolean;
  message: string;
  fieldPaths?: string[];
}

export const pass = (message: string): Verdict => ({ passed: true, message });

export const fail = (message: string, fieldPaths: string[] = []): Verdict => ({
  passed: false,
  message,
  fieldPaths,
});

function toOutcome(
  resource: ResourceRef,
  object: KubernetesObject,
  verdict: Verdict,
  container?: string,
): CheckOutcome {
  const outcome: CheckOutcome = {
    resource,
    object,
    status: verdict.passed ? 'passed' : 'failed',
    message: verdict.message,
  };
  if (!verdict.passed && verdict.fieldPaths?.length)
    outcome.fieldPaths = verdict.fieldPaths;
  if (container !== undefined) outcome.container = container;
  return outcome;
}

/**
 * A check judged once per container of every workload. Returning undefined means the check does
 * not apply to that container.
 */
export function containerCheck(
  definition: CheckDefinition,
  spec: {
    /** Also judge init containers; security checks do, resource and probe checks do not. */
    includeInit?: boolean;
    appliesTo?: (workload: Workload) => boolean;
    evaluate(
      container: WorkloadContainer,
      workload: Workload,
      context: CheckContext,
    ): Verdict | undefined;
  },
): ReadinessCheck {
  return {
    definition,
    run(context) {
      const outcomes: CheckOutcome[] = [];
      for (const workload of context.workloads) {
        if (spec.appliesTo && !spec.appliesTo(workload)) continue;
        const resource = context.ref(workload.object);
        for (const container of workload.containers) {
          if (container.init && !spec.includeInit) continue;
          const verdict = spec.evaluate(container, workload, context);
          if (verdict)
            outcomes.push(
              toOutcome(resource, workload.object, verdict, container.name),
            );
        }
      }
      return outcomes;
    },
  };
}

/** A check judged once per workload (pod-level settings, replicas, coverage by other objects). */
export function workloadCheck(
  definition: CheckDefinition,
  spec: {
    appliesTo?: (workload: Workload) => boolean;
    evaluate(workload: Workload, context: CheckContext): Verdict | undefined;
  },
): ReadinessCheck {
  return {
    definition,
    run(context) {
      const outcomes: CheckOutcome[] = [];
      for (const workload of context.workloads) {
        if (spec.appliesTo && !spec.appliesTo(workload)) continue;
        const verdict = spec.evaluate(workload, context);
        if (verdict)
          outcomes.push(
            toOutcome(context.ref(workload.object), workload.object, verdict),
          );
      }
      return outcomes;
    },
  };
}

/** A check judged once per selected object (Ingresses, Roles, ExternalSecrets, ...). */
export function objectCheck(
  definition: CheckDefinition,
  spec: {
    select(context: CheckContext): readonly KubernetesObject[];
    evaluate(
      object: KubernetesObject,
      context: CheckContext,
    ): Verdict | undefined;
  },
): ReadinessCheck {
  return {
    definition,
    run(context) {
      const outcomes: CheckOutcome[] = [];
      for (const object of spec.select(context)) {
        const verdict = spec.evaluate(object, context);
        if (verdict)
          outcomes.push(toOutcome(context.ref(object), object, verdict));
      }
      return outcomes;
    },
  };
}

/** A check judged once per namespace that has a Namespace object or runs workloads. */
export function namespaceCheck(
  definition: CheckDefinition,
  spec: {
    evaluate(namespace: string, context: CheckContext): Verdict | undefined;
  },
): ReadinessCheck {
  return {
    definition,
    run(context) {
      const outcomes: CheckOutcome[] = [];
      for (const namespace of context.namespaces) {
        const verdict = spec.evaluate(namespace, context);
        if (!verdict) continue;
        const object = context.find('Namespace', undefined, namespace);
        const outcome: CheckOutcome = {
          resource: object
            ? context.ref(object)
            : context.namespaceRef(namespace),
          status: verdict.passed ? 'passed' : 'failed',
          message: verdict.message,
        };
        if (object) outcome.object = object;
        if (!verdict.passed && verdict.fieldPaths?.length)
          outcome.fieldPaths = verdict.fieldPaths;
        outcomes.push(outcome);
      }
      return outcomes;
    },
  };
}
