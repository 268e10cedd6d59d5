import { docsUrl, fail, pass, workloadCheck } from '../engine/defineCheck';
import { CheckContext, ReadinessCheck } from '../engine/types';
import { Workload, WORKLOAD_KINDS } from '../kube/workloads';
import { POD_SECURITY_CONTROLS } from './controls';
import { revisionAt } from './evaluate';
import { viewOf } from './podView';
import { podLikeOfWorkload } from './podTemplate';
import { PodSecurityControl, PodView } from './types';
import { POD_SECURITY_NEWEST_MINOR } from './version';

// Every control reads the same normalised pod: build it once per workload and evaluation, in a
// Map that lives as long as the evaluation (a module-wide WeakMap's ephemerons cost the garbage
// collector more than the lookups save).
const newViews = () => new Map<Workload, PodView>();

function viewOfWorkload(workload: Workload, context: CheckContext): PodView {
  // A factory made once: 19 controls look a view up for each of 10,000s of workloads.
  const views = context.memo('pss-views', newViews);
  let view = views.get(workload);
  if (!view) {
    view = viewOf(podLikeOfWorkload(workload));
    views.set(workload, view);
  }
  return view;
}

/**
 * A readiness check for one control, judged at the newest policy version on every workload.
 * Baseline controls are danger and restricted-only controls warning; the production profile
 * raises the restricted ones to danger.
 */
function controlCheck(control: PodSecurityControl): ReadinessCheck {
  const revision = revisionAt(control, POD_SECURITY_NEWEST_MINOR);
  if (!revision) throw new Error(`${control.id} has no current revision`);
  const passed = pass(
    `Meets the ${control.level} Pod Security Standard's ${control.title} control.`,
  );
  return workloadCheck(
    {
      id: control.checkId,
      title: `Pod Security ${control.level}: ${control.title}`,
      severity: control.level === 'baseline' ? 'danger' : 'warning',
      category: 'security',
      remediation: control.remediation,
      docsUrl: docsUrl(control.checkId),
      appliesTo: WORKLOAD_KINDS,
    },
    {
      evaluate(workload, context) {
        // `.call`: the 19 controls share this function's compiled code (see engine/defineCheck.ts).
        const forbidden = revision.check.call(
          revision,
          viewOfWorkload(workload, context),
        );
        // One verdict for every passing workload: its message never varies.
        if (!forbidden) return passed;
        return fail(forbidden.detail, [workload.podSpecPath]);
      },
    },
  );
}

/**
 * One readiness check per Pod Security Standards control, ids `pss-*`.
 * @public
 */
export const podSecurityChecks: readonly ReadinessCheck[] =
  POD_SECURITY_CONTROLS.map(controlCheck);
