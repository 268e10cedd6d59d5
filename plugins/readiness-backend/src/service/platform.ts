import { ExpectedComponent } from '@hatchway/plugin-readiness-common';
import {
  evaluatePlatform,
  KubernetesObject,
} from '@hatchway/plugin-readiness-node';
import { PlatformRecord } from '../database/types';
import { ResourceEntityIndex } from '../mapping/ResourceEntityIndex';

const listed = (listedKinds: readonly string[], kind: string) =>
  listedKinds.some(k => k.endsWith(`/${kind}`));

/**
 * Judges a cluster's expected platform components from a scan's objects, and finds the catalog
 * entities showing each: the configured `entityRef`, and the entities its workloads map to
 * (`backstage.io/kubernetes-id`, label selectors), as the scan maps every resource.
 */
export function buildPlatformRecord(options: {
  objects: readonly KubernetesObject[];
  listedKinds: readonly string[];
  expected: readonly ExpectedComponent[];
  entities: ResourceEntityIndex;
  restartThreshold?: number;
}): { record: PlatformRecord; warnings: string[] } {
  const { objects, listedKinds, expected, entities } = options;
  const unverifiable = {
    crds: !listed(listedKinds, 'CustomResourceDefinition'),
    // Either kind unreadable: a webhook of that kind cannot be told missing.
    webhooks:
      !listed(listedKinds, 'ValidatingWebhookConfiguration') ||
      !listed(listedKinds, 'MutatingWebhookConfiguration'),
  };
  const warnings: string[] = [];
  if (unverifiable.crds && expected.some(c => c.crds?.length)) {
    warnings.push(
      'CustomResourceDefinitions could not be listed: the CRDs platform components need were not checked',
    );
  }
  if (unverifiable.webhooks && expected.some(c => c.webhooks?.length)) {
    warnings.push(
      'Webhook configurations could not be listed (admissionregistration.k8s.io not served or not readable): the webhooks platform components need were not checked',
    );
  }

  const readiness = evaluatePlatform(objects, expected, {
    restartThreshold: options.restartThreshold,
    unverifiable,
  });
  const workloads = new Map<string, KubernetesObject>();
  for (const object of objects) {
    const { namespace, name } = object.metadata ?? {};
    workloads.set(`${object.kind}/${namespace}/${name}`, object);
  }
  return {
    warnings,
    record: {
      readyPercent: readiness.readyPercent,
      components: readiness.components.map(status => {
        const mapped = status.workloads.flatMap(w => {
          const object = workloads.get(
            `${w.kind}/${status.namespace}/${w.name}`,
          );
          return object
            ? entities.entitiesOf(object).map(s => s.entityRef)
            : [];
        });
        const entityRefs = [
          ...new Set([
            ...(status.entityRef ? [status.entityRef] : []),
            ...mapped,
          ]),
        ];
        return {
          status: entityRefs.length
            ? { ...status, entityRef: entityRefs[0] }
            : status,
          entityRefs,
        };
      }),
    },
  };
}
