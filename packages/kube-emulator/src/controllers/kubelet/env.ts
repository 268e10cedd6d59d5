import type { CoreV1Api, V1Container, V1Pod } from '@kubernetes/client-node';
import { ignoreNotFound } from '../runtime/clients';

const decode = (value: string) => Buffer.from(value, 'base64').toString('utf8');

/** Resolves a `fieldRef` the way the kubelet's downward API does. */
function fieldValue(
  pod: V1Pod,
  path: string,
  podIP: string,
  hostIP: string,
): string {
  const annotation = /^metadata\.annotations\['(.+)'\]$/.exec(path);
  if (annotation) return pod.metadata?.annotations?.[annotation[1]] ?? '';
  const label = /^metadata\.labels\['(.+)'\]$/.exec(path);
  if (label) return pod.metadata?.labels?.[label[1]] ?? '';
  const values: Record<string, string | undefined> = {
    'metadata.name': pod.metadata?.name,
    'metadata.namespace': pod.metadata?.namespace,
    'metadata.uid': pod.metadata?.uid,
    'spec.nodeName': pod.spec?.nodeName,
    'spec.serviceAccountName': pod.spec?.serviceAccountName,
    'status.podIP': podIP,
    'status.podIPs': podIP,
    'status.hostIP': hostIP,
    'status.hostIPs': hostIP,
  };
  return values[path] ?? '';
}

/**
 * The environment of a container as the kubelet would give it: `envFrom` ConfigMaps and Secrets,
 * then `env` (plain values, downward-API `fieldRef`s, `configMapKeyRef`, `secretKeyRef`), read
 * through the API. Missing optional sources are skipped; missing required ones throw.
 */
export async function containerEnv(
  core: CoreV1Api,
  pod: V1Pod,
  container: V1Container,
  podIP: string,
  hostIP: string,
): Promise<Record<string, string>> {
  const namespace = pod.metadata!.namespace!;
  const env: Record<string, string> = {};
  const configMap = (name: string) =>
    ignoreNotFound(core.readNamespacedConfigMap({ name, namespace }));
  const secret = (name: string) =>
    ignoreNotFound(core.readNamespacedSecret({ name, namespace }));
  const missing = (what: string, optional?: boolean) => {
    if (!optional) throw new Error(`${what} not found`);
  };

  for (const source of container.envFrom ?? []) {
    const prefix = source.prefix ?? '';
    if (source.configMapRef?.name) {
      const found = await configMap(source.configMapRef.name);
      if (!found)
        missing(
          `configmap "${source.configMapRef.name}"`,
          source.configMapRef.optional,
        );
      for (const [k, v] of Object.entries(found?.data ?? {}))
        env[prefix + k] = v;
    }
    if (source.secretRef?.name) {
      const found = await secret(source.secretRef.name);
      if (!found)
        missing(`secret "${source.secretRef.name}"`, source.secretRef.optional);
      for (const [k, v] of Object.entries(found?.data ?? {}))
        env[prefix + k] = decode(v);
    }
  }
  for (const variable of container.env ?? []) {
    const from = variable.valueFrom;
    if (!from) {
      env[variable.name] = variable.value ?? '';
    } else if (from.fieldRef) {
      env[variable.name] = fieldValue(
        pod,
        from.fieldRef.fieldPath,
        podIP,
        hostIP,
      );
    } else if (from.configMapKeyRef) {
      const ref = from.configMapKeyRef;
      const value = (await configMap(ref.name!))?.data?.[ref.key];
      if (value === undefined)
        missing(`configmap "${ref.name}" key "${ref.key}"`, ref.optional);
      else env[variable.name] = value;
    } else if (from.secretKeyRef) {
      const ref = from.secretKeyRef;
      const value = (await secret(ref.name!))?.data?.[ref.key];
      if (value === undefined)
        missing(`secret "${ref.name}" key "${ref.key}"`, ref.optional);
      else env[variable.name] = decode(value);
    }
  }
  return env;
}
