import { dumpYaml, KubernetesObject, loadYaml } from '@kubernetes/client-node';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';

/**
 * Converts a manifest as the API server reads it (`from`, `default`) into client-node's model
 * (`_from`, `_default`). `KubernetesObjectApi` serialises its argument through the model of the
 * object's kind, so a plain manifest would silently lose those fields — a NetworkPolicy rule
 * without `from` allows everything. Fields the model does not know would be lost the same way,
 * so the conversion is checked by a round trip and refuses what it cannot carry.
 */
export function toClientModel<T extends KubernetesObject>(manifest: T): T {
  const model = loadYaml<T>(JSON.stringify(manifest));
  const wire = parse(dumpYaml(model));
  if (!isDeepStrictEqual(wire, JSON.parse(JSON.stringify(manifest)))) {
    throw new Error(
      `client-node's model of ${manifest.apiVersion} ${manifest.kind} cannot carry ${manifest.metadata?.name} unchanged`,
    );
  }
  return model;
}
