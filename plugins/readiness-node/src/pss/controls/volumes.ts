import { asArray, asRecord } from '../../kube/objects';
import { joinQuote, pluralize, sortedSet } from '../format';
import { isSet, str } from '../podView';
import { PodSecurityControl } from '../types';

// Inline volume sources the restricted level allows.
const ALLOWED_SOURCES = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
];

// The sources it forbids, in the order upstream names the first one a volume uses.
const RESTRICTED_SOURCES = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
];

/**
 * The forbidden source a volume uses, or undefined. A volume naming no known source is what the
 * API server defaults to emptyDir before admission sees it, so it passes.
 */
function restrictedSource(volume: Record<string, unknown>): string | undefined {
  if (ALLOWED_SOURCES.some(source => isSet(volume[source]))) return undefined;
  return RESTRICTED_SOURCES.find(source => isSet(volume[source]));
}

/** Restricted: only configMap, csi, downwardAPI, emptyDir, ephemeral, image, PVC, projected, secret. */
export const restrictedVolumes: PodSecurityControl = {
  id: 'restrictedVolumes',
  level: 'restricted',
  title: 'Volume Types',
  checkId: 'pss-volume-types',
  remediation:
    'Use only configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret volumes; reach other storage through a PersistentVolumeClaim.',
  revisions: [
    {
      since: 0,
      overrides: ['hostPathVolumes'],
      check(pod) {
        // Made at the first offender: almost every pod passes.
        let bad: string[] | undefined;
        let types: Set<string> | undefined;
        const volumes = asArray<unknown>(pod.spec.volumes);
        for (let i = 0; i < volumes.length; i++) {
          const volume = asRecord(volumes[i]);
          const source = volume && restrictedSource(volume);
          if (!source) continue;
          (bad ??= []).push(str(volume!.name));
          (types ??= new Set()).add(source);
        }
        if (!bad || !types) return undefined;
        return {
          reason: 'restricted volume types',
          detail: `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(
            bad,
          )} ${pluralize('uses', 'use', bad.length)} ${pluralize(
            'restricted volume type',
            'restricted volume types',
            types.size,
          )} ${joinQuote(sortedSet(types))}`,
        };
      },
    },
  ],
};
