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

// Every verdict is made here, by one literal: passes and failures then share one shape (hidden
// class), and the engine reading millions of verdicts from dozens of checks sees only that one.
const makeVerdict = (
  passed: boolean,
  message: string,
  fieldPaths: string[] | undefined,
): Verdict => ({ passed, message, fieldPaths });

export const pass = (message: string): Verdict =>
  makeVerdict(true, message, undefined);

export const fail = (message: string, fieldPaths: string[] = []): Verdict =>
  makeVerdict(false, message, fieldPaths);

/** How many verdicts one {@link passes} keeps before it starts again: a bound on its memory. */
const KEPT_PASSES = 4096;

/**
 * A maker of pass verdicts from one or two values (a container's label, a tag): for values seen
 * before it gives the same verdict object, whose message is then neither built again nor hashed
 * again when the engine interns it. A check passes tens of thousands of containers with a few
 * distinct messages. It keeps at most a few thousand verdicts, for the life of the process.
 */
export function passes<A, B = undefined>(
  message: (a: A, b: B) => string,
): (a: A, b?: B) => Verdict {
  const byA = new Map<A, Map<B | undefined, Verdict>>();
  let kept = 0;
  return (a, b) => {
    let byB = byA.get(a);
    let verdict = byB?.get(b);
    if (verdict) return verdict;
    if (kept >= KEPT_PASSES) {
      byA.clear();
      kept = 0;
      byB = undefined;
    }
    if (!byB) {
      byB = new Map();
      byA.set(a, byB);
    }
    verdict = pass(message(a, b as B));
    byB.set(b, verdict);
    kept++;
    return verdict;
  };
}

/**
 * Receives a check's verdicts one at a time, as the check finds them, with what each is about:
 * the resource, its object when it is in the set (exemptions read its labels and annotations),
 * and the container for per-container checks. No outcome object is made for the engine.
 */
export type VerdictSink = (
  resource: ResourceRef,
  object: KubernetesObject | undefined,
  verdict: Verdict,
  container: string | undefined,
) => void;
type VerdictStream = (context: CheckContext, emit: VerdictSink) => void;

// The loops below call a check's functions and the engine's recorder through `.call`. Closures
// made at one place share what the optimizing compiler learns about them, so every check built
// by one helper shares its loop's compiled code. Called plainly, the loop is compiled for the first
// check's function and recorder (inlined), thrown away when the next check brings others, and
// compiled again — 35–160 ms of compiler time each, several times per loop in a cold evaluation.
// Through Function.prototype.call the compiler makes no guess about the function called: one
// compiled loop serves every check, and each check's own functions are compiled once, alone.
//
// The built-in checks hand each verdict straight to the engine, which turns it into a finding at
// once: a check's outcomes then never pile up in an array that outlives many young-generation
// collections (at 10,000 workloads a check has up to 60,000 of them). Keyed by the check object,
// so a copy or wrapper of a check simply runs through `run`.
const streams = new WeakMap<ReadinessCheck, VerdictStream>();

/** A check defined by how it emits verdicts; `run` collects outcomes for callers that want a list. */
export function streamingCheck(
  definition: CheckDefinition,
  forEach: VerdictStream,
): ReadinessCheck {
  const check: ReadinessCheck = {
    definition,
    run(context) {
      const outcomes: CheckOutcome[] = [];
      forEach(context, (resource, object, verdict, container) =>
        outcomes.push(toOutcome(resource, object, verdict, container)),
      );
      return outcomes;
    },
  };
  streams.set(check, forEach);
  return check;
}

/** How a check built by {@link streamingCheck} emits its verdicts, if it was. */
export function verdictStream(
  check: ReadinessCheck,
): VerdictStream | undefined {
  return streams.get(check);
}

/** The outcome `run` returns for a verdict. */
function toOutcome(
  resource: ResourceRef,
  object: KubernetesObject | undefined,
  verdict: Verdict,
  container: string | undefined,
): CheckOutcome {
  const outcome: CheckOutcome = {
    resource,
    status: verdict.passed ? 'passed' : 'failed',
    message: verdict.message,
  };
  if (object) outcome.object = object;
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
  const { appliesTo, evaluate } = spec;
  const includeInit = spec.includeInit === true;
  // Index loops: an iterator per workload and check is garbage until the loop is optimized.
  return streamingCheck(definition, (context, emit) => {
    const refs = workloadRefs(context);
    const workloads = context.workloads;
    for (let w = 0; w < workloads.length; w++) {
      const workload = workloads[w];
      if (appliesTo && !appliesTo.call(spec, workload)) continue;
      const containers = workload.containers;
      for (let c = 0; c < containers.length; c++) {
        const container = containers[c];
        if (container.init && !includeInit) continue;
        const verdict = evaluate.call(spec, container, workload, context);
        if (verdict)
          emit.call(
            undefined,
            refs[w],
            workload.object,
            verdict,
            container.name,
          );
      }
    }
  });
}

/** Every workload's ref, by index: looked up once per evaluation rather than once per check. */
function workloadRefs(context: CheckContext) {
  return context.memo('workload-refs', () =>
    context.workloads.map(workload => context.ref(workload.object)),
  );
}

/** A check judged once per workload (pod-level settings, replicas, coverage by other objects). */
export function workloadCheck(
  definition: CheckDefinition,
  spec: {
    appliesTo?: (workload: Workload) => boolean;
    evaluate(workload: Workload, context: CheckContext): Verdict | undefined;
  },
): ReadinessCheck {
  const { appliesTo, evaluate } = spec;
  return streamingCheck(definition, (context, emit) => {
    const refs = workloadRefs(context);
    const workloads = context.workloads;
    for (let w = 0; w < workloads.length; w++) {
      const workload = workloads[w];
      if (appliesTo && !appliesTo.call(spec, workload)) continue;
      const verdict = evaluate.call(spec, workload, context);
      if (verdict)
        emit.call(undefined, refs[w], workload.object, verdict, undefined);
    }
  });
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
  return streamingCheck(definition, (context, emit) => {
    for (const object of spec.select(context)) {
      const verdict = spec.evaluate.call(spec, object, context);
      if (verdict)
        emit.call(undefined, context.ref(object), object, verdict, undefined);
    }
  });
}

/** A check judged once per namespace that has a Namespace object or runs workloads. */
export function namespaceCheck(
  definition: CheckDefinition,
  spec: {
    evaluate(namespace: string, context: CheckContext): Verdict | undefined;
  },
): ReadinessCheck {
  return streamingCheck(definition, (context, emit) => {
    for (const namespace of context.namespaces) {
      const verdict = spec.evaluate.call(spec, namespace, context);
      if (!verdict) continue;
      const object = context.find('Namespace', undefined, namespace);
      emit.call(
        undefined,
        object ? context.ref(object) : context.namespaceRef(namespace),
        object,
        verdict,
        undefined,
      );
    }
  });
}
