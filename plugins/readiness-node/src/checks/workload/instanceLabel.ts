import { docsUrl, fail, pass, workloadCheck } from '../../engine/defineCheck';
import { fieldPath } from '../../kube/paths';

const INSTANCE = 'app.kubernetes.io/instance';

/**
 * `app.kubernetes.io/instance` names the instance an object belongs to; tools group and select
 * by it, so a copied manifest that kept another instance's label gets mixed up with it.
 *
 * Polaris requires the label on every controller and equal to its name. Hatchway judges only
 * objects that carry the label (the recommended labels are optional), and also accepts names
 * that start with `<instance>-`: Helm sets the label to the release name and names objects
 * `<release>-<chart>[-<component>]`, which is correct by design.
 */
export const instanceLabelMatchesName = workloadCheck(
  {
    id: 'instance-label-matches-name',
    title: 'app.kubernetes.io/instance matches the object name',
    severity: 'warning',
    category: 'reliability',
    remediation: `Set the ${INSTANCE} label to the object's name (or the Helm release name its name starts with).`,
    docsUrl: docsUrl('instance-label-matches-name'),
  },
  {
    evaluate(workload) {
      const instance = workload.object.metadata?.labels?.[INSTANCE];
      if (instance === undefined) return undefined;
      const name = workload.object.metadata?.name ?? '';
      if (name === instance || name.startsWith(`${instance}-`))
        return pass(`Label ${INSTANCE} ${instance} matches the name.`);
      return fail(
        `Label ${INSTANCE} is "${instance}", but the object is named "${name}".`,
        [fieldPath('metadata', 'labels', INSTANCE)],
      );
    },
  },
);
