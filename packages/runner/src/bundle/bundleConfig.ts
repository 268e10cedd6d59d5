/** Thrown when the bundle settings, the download or the archive are not acceptable. */
export class BundleError extends Error {
  readonly name = 'BundleError';
}

/** Where the optional CLI bundle comes from and what it must be. */
export interface BundleSource {
  url: URL;
  /** Lower-case hex SHA-256 of the .tar.gz. */
  sha256: string;
  /** Host names (exact, lower case) the bundle may be downloaded from. */
  allowedHosts: string[];
  /** Largest download accepted, in bytes. */
  maxBytes: number;
}

/** Default download limit: 64 MiB. */
export const DEFAULT_BUNDLE_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Reads `HATCHWAY_BUNDLE_URL`, `HATCHWAY_BUNDLE_SHA256`, `HATCHWAY_BUNDLE_ALLOWED_HOSTS`
 * (comma-separated) and `HATCHWAY_BUNDLE_MAX_BYTES`; undefined when no URL is set. Only https
 * from an allowed host is accepted (`allowHttp` exists for tests against a local server).
 */
export function readBundleSource(
  env: NodeJS.ProcessEnv,
  options: { allowHttp?: boolean } = {},
): BundleSource | undefined {
  const raw = env.HATCHWAY_BUNDLE_URL;
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new BundleError('HATCHWAY_BUNDLE_URL is not a URL');
  }
  const schemes = options.allowHttp ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(url.protocol)) {
    throw new BundleError(
      `the bundle must come over https, not ${url.protocol}`,
    );
  }
  if (url.username || url.password) {
    throw new BundleError('the bundle URL must not carry credentials');
  }
  const allowedHosts = (env.HATCHWAY_BUNDLE_ALLOWED_HOSTS ?? '')
    .split(',')
    .map(h => h.trim().toLowerCase())
    .filter(Boolean);
  if (!allowedHosts.includes(url.hostname.toLowerCase())) {
    throw new BundleError(
      `the bundle host ${url.hostname} is not in HATCHWAY_BUNDLE_ALLOWED_HOSTS`,
    );
  }
  const sha256 = (env.HATCHWAY_BUNDLE_SHA256 ?? '').trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(sha256)) {
    throw new BundleError('HATCHWAY_BUNDLE_SHA256 must be 64 hex digits');
  }
  const maxBytes = env.HATCHWAY_BUNDLE_MAX_BYTES
    ? Number(env.HATCHWAY_BUNDLE_MAX_BYTES)
    : DEFAULT_BUNDLE_MAX_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) {
    throw new BundleError(
      'HATCHWAY_BUNDLE_MAX_BYTES must be a positive integer',
    );
  }
  return { url, sha256, allowedHosts, maxBytes };
}
