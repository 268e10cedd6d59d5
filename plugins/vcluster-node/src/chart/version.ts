/**
 * The one vcluster release Hatchway renders, applies and points Argo CD at. Everything the
 * renderer reproduces (templates, default values, schema) was read from the upstream chart at this
 * tag; bump it only together with `chart/<version>/` and the golden files.
 * @public
 */
export const VCLUSTER_CHART_VERSION = '0.29.3';

/** The Helm repository that publishes the vcluster chart. @public */
export const VCLUSTER_CHART_REPO_URL = 'https://charts.loft.sh';

/** The chart's name in that repository. @public */
export const VCLUSTER_CHART_NAME = 'vcluster';

/**
 * The control plane image's registry and repository. The chart defaults to `loft-sh/vcluster-pro`;
 * Hatchway runs the open-source build of the same release, which needs no licence and never
 * contacts the vCluster Platform.
 * @public
 */
export const VCLUSTER_IMAGE_REGISTRY = 'ghcr.io';
/** @public */
export const VCLUSTER_IMAGE_REPOSITORY = 'loft-sh/vcluster-oss';

/** The control plane (syncer) image at the pinned version. @public */
export const VCLUSTER_IMAGE = `${VCLUSTER_IMAGE_REGISTRY}/${VCLUSTER_IMAGE_REPOSITORY}:${VCLUSTER_CHART_VERSION}`;

/**
 * The tag of `ghcr.io/loft-sh/kubernetes` (the k8s distro's binaries) in the pinned chart's
 * defaults; needed to pin it by digest as `<tag>@<digest>`.
 * @public
 */
export const VCLUSTER_KUBERNETES_IMAGE_TAG = 'v1.33.4';
