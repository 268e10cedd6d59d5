import os from 'node:os';
import path from 'node:path';
import { readBundleSource } from './bundleConfig';
import { downloadBundle } from './downloadBundle';
import { extractTarGz } from './extractTarGz';

/** Unpacked size allowed per downloaded byte (CLI archives compress about 3:1). */
const UNPACK_RATIO = 10;

/** Options of {@link installBundleFromEnv}. */
export interface InstallBundleOptions {
  /** Home folder; the bundle goes into `<home>/bin`. Default `os.homedir()`. */
  home?: string;
  /** Accept http URLs: only for tests against a local server. */
  allowHttp?: boolean;
}

/**
 * Fetches the optional CLI bundle named by `HATCHWAY_BUNDLE_*` and unpacks it into `~/bin`.
 * Resolves with the installed paths, or undefined when no bundle is configured; rejects with a
 * {@link BundleError} on any check that fails, before anything is unpacked.
 */
export async function installBundleFromEnv(
  env: NodeJS.ProcessEnv,
  options: InstallBundleOptions = {},
): Promise<string[] | undefined> {
  const source = readBundleSource(env, { allowHttp: options.allowHttp });
  if (!source) return undefined;
  const archive = await downloadBundle(source);
  const bin = path.join(options.home ?? os.homedir(), 'bin');
  return extractTarGz(archive, bin, source.maxBytes * UNPACK_RATIO);
}
