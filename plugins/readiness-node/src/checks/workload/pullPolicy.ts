import {
  containerCheck,
  docsUrl,
  fail,
  passes,
} from '../../engine/defineCheck';
import { get } from '../../kube/objects';
import { parseImage } from './image';
import { describe } from './securityContext';

const PULLS_ALWAYS = passes(
  (label: string) => `${label} pulls its image Always.`,
);
const PINNED = passes((label: string) => `${label} image is pinned by digest.`);

/**
 * With `IfNotPresent` a node keeps running whatever image it cached under a tag, even after the
 * tag moved. An image pinned by digest cannot change, so its pull policy does not matter.
 * An unset policy is what the API server defaults it to: Always for `latest` or no tag.
 */
export const imagePullPolicyAlways = containerCheck(
  {
    id: 'image-pull-policy-always',
    title: 'Images pinned by tag are pulled Always',
    severity: 'warning',
    category: 'reliability',
    remediation:
      'Set imagePullPolicy: Always, or pin the image by digest (name@sha256:…).',
    docsUrl: docsUrl('image-pull-policy-always'),
  },
  {
    includeInit: true,
    evaluate(container) {
      const image = String(container.container.image ?? '');
      const { tag, digest } = parseImage(image);
      const set = get(container.container, 'imagePullPolicy');
      const policy =
        set ?? (!tag || tag === 'latest' ? 'Always' : 'IfNotPresent');
      if (policy === 'Always') return PULLS_ALWAYS(describe(container));
      if (digest) return PINNED(describe(container));
      return fail(
        `${describe(container)} pulls "${image}" ${String(
          policy,
        )}: a moved tag goes unnoticed on nodes that cached it.`,
        [container.at('imagePullPolicy')],
      );
    },
  },
);
