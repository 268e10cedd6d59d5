import {
  containerCheck,
  docsUrl,
  fail,
  passes,
} from '../../engine/defineCheck';
import { describe } from './securityContext';

const PINNED = passes((label: string) => `${label} image is pinned by digest.`);
const TAGGED = passes(
  (label: string, tag: string) => `${label} image is tagged ${tag}.`,
);

/** The tag and digest of an image reference such as `registry:5000/team/app:1.2@sha256:...`. */
export function parseImage(image: string): { tag?: string; digest?: string } {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const nameAndTag = at >= 0 ? image.slice(0, at) : image;
  // The tag follows the last colon after the last slash; an earlier colon is a registry port.
  const lastSegment = nameAndTag.slice(nameAndTag.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  const tag = colon >= 0 ? lastSegment.slice(colon + 1) : undefined;
  return { tag: tag || undefined, digest: digest || undefined };
}

const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** An image without a tag, or tagged `latest`, changes under the workload without notice. */
export const imageTag = containerCheck(
  {
    id: 'image-tag',
    title: 'Images have a tag other than latest',
    severity: 'danger',
    category: 'reliability',
    remediation:
      'Reference images by a fixed version tag (or a digest), never `latest` or no tag.',
    docsUrl: docsUrl('image-tag'),
  },
  {
    includeInit: true,
    evaluate(container) {
      const image = String(container.container.image ?? '');
      const { tag, digest } = parseImage(image);
      if (digest) return PINNED(describe(container));
      if (tag && tag !== 'latest') return TAGGED(describe(container), tag);
      const problem = tag ? 'is tagged latest' : 'has no tag';
      return fail(`${describe(container)} image "${image}" ${problem}.`, [
        container.at('image'),
      ]);
    },
  },
);

/** A digest pins the exact image bytes; tags can be moved. Required by the production profile. */
export const imageDigest = containerCheck(
  {
    id: 'image-digest',
    title: 'Images are pinned by digest',
    severity: 'warning',
    category: 'security',
    remediation:
      'Reference images as name@sha256:<digest> (a tag may stay in front of the digest).',
    docsUrl: docsUrl('image-digest'),
    enabledByDefault: false,
  },
  {
    includeInit: true,
    evaluate(container) {
      const image = String(container.container.image ?? '');
      const { digest } = parseImage(image);
      if (digest && DIGEST.test(digest)) {
        return PINNED(describe(container));
      }
      return fail(
        `${describe(
          container,
        )} image "${image}" is not pinned by a sha256 digest.`,
        [container.at('image')],
      );
    },
  },
);
