import { credentialReason } from '../checks/secrets/credentialPatterns';
import { asRecord } from '../kube/objects';
import { KubernetesObject } from '../kube/types';

/** Annotations that repeat an object's whole content (a ConfigMap's values included). */
const CONTENT_ANNOTATIONS = [
  'kubectl.kubernetes.io/last-applied-configuration',
];

/** Stand-ins that get the same verdict from `no-credentials-in-configmaps` as the real value. */
const STAND_IN = {
  'private key': '-----BEGIN PRIVATE KEY----- (redacted)',
  'credential name': '(redacted)',
  none: '',
} as const;

/**
 * What a scanner needs to keep of a ConfigMap: its metadata (labels and annotations drive the
 * entity mapping and exemptions) and its `data` keys, each value replaced by a stand-in that
 * `no-credentials-in-configmaps` judges exactly as it judged the real value, so that no value
 * (credential or not) stays in memory or reaches a finding. `binaryData` (which no check reads)
 * and kubectl's last-applied configuration (a copy of the values) are dropped. Any other object
 * is returned as it is.
 * @public
 */
export function redactConfigMap(object: KubernetesObject): KubernetesObject {
  if (object?.kind !== 'ConfigMap') return object;
  const { data, binaryData: _binaryData, ...rest } = object;
  const redacted: KubernetesObject = { ...rest };
  const annotations = asRecord(object.metadata?.annotations);
  if (annotations && CONTENT_ANNOTATIONS.some(a => a in annotations)) {
    const kept: Record<string, string> = {};
    for (const key of Object.keys(annotations)) {
      if (!CONTENT_ANNOTATIONS.includes(key))
        kept[key] = annotations[key] as string;
    }
    redacted.metadata = { ...object.metadata, annotations: kept };
  }
  const values = asRecord(data);
  if (values) {
    const standIns: Record<string, string> = {};
    for (const key of Object.keys(values)) {
      standIns[key] = STAND_IN[credentialReason(key, values[key]) ?? 'none'];
    }
    redacted.data = standIns;
  }
  return redacted;
}
