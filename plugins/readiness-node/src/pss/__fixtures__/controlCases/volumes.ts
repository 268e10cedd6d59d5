import { ControlCases } from './types';
import { pod } from '../pods';

/** Volume types allowed at restricted. */
export const volumesCases: Record<string, ControlCases> = {
  restrictedVolumes: {
    pass: [
      [
        'every allowed volume type, and a volume the API server defaults to emptyDir',
        pod(s => {
          s.volumes = [
            { name: 'a', configMap: { name: 'c' } },
            { name: 'b', secret: { secretName: 's' } },
            { name: 'c', projected: { sources: [] } },
            { name: 'd', downwardAPI: { items: [] } },
            { name: 'e', persistentVolumeClaim: { claimName: 'data' } },
            { name: 'f', csi: { driver: 'secrets-store.csi.k8s.io' } },
            { name: 'g', ephemeral: { volumeClaimTemplate: {} } },
            { name: 'h', image: { reference: 'registry.example/data:1' } },
            { name: 'i', emptyDir: { medium: 'Memory' } },
            { name: 'j' } as any,
          ];
        }),
      ],
    ],
    fail: [
      [
        'nfs, gitRepo and cephfs volumes',
        pod(s => {
          s.volumes = [
            { name: 'share', nfs: { server: 'nas', path: '/' } },
            { name: 'scratch', emptyDir: {} },
            { name: 'src', gitRepo: { repository: 'x' } },
            { name: 'ceph', cephfs: { monitors: ['10.0.0.1:6789'] } },
          ] as any;
        }),
        {
          name: 'restricted volume types',
          message:
            'volumes "share", "src", "ceph" use restricted volume types "cephfs", "gitRepo", "nfs"',
        },
      ],
    ],
  },
};
