import {
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  Watch,
  setHeaderOptions,
} from '@kubernetes/client-node';

/** The client-node APIs the controllers use. */
export interface Clients {
  core: CoreV1Api;
  apps: AppsV1Api;
  batch: BatchV1Api;
  watch: Watch;
}

/** Builds the API clients from a kubeconfig. */
export function makeClients(kubeConfig: KubeConfig): Clients {
  return {
    core: kubeConfig.makeApiClient(CoreV1Api),
    apps: kubeConfig.makeApiClient(AppsV1Api),
    batch: kubeConfig.makeApiClient(BatchV1Api),
    watch: new Watch(kubeConfig),
  };
}

/**
 * Request options making a typed `patch…` call send a JSON merge patch. Merge patches carry no
 * resourceVersion, so a status owner can write its own fields without conflicting with others.
 */
export const MERGE_PATCH = setHeaderOptions(
  'Content-Type',
  PatchStrategy.MergePatch,
);

/** HTTP status of a failed client-node call (ApiException.code), if it got an answer. */
export function statusCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'number' ? code : undefined;
}

export const isNotFound = (error: unknown) => statusCode(error) === 404;
export const isConflict = (error: unknown) => statusCode(error) === 409;

/** Resolves undefined instead of failing when the object is gone (deleted mid-flight). */
export async function ignoreNotFound<T>(
  call: Promise<T>,
): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** A short description of a failed call, for logs. */
export function describeError(error: unknown): string {
  const code = statusCode(error);
  const body = (error as { body?: unknown })?.body;
  let message = error instanceof Error ? error.message : String(error);
  if (typeof body === 'string') {
    try {
      message = JSON.parse(body).message ?? message;
    } catch {
      // not JSON: keep the error's own message
    }
  }
  return code ? `${code} ${message}` : message;
}
