import { app, init, pod } from './__fixtures__/pods';
import { evaluatePodSecurity, highestAdmissibleLevel } from './evaluate';
import { PodLike, PodSecurityLevel } from './types';
import {
  podSecurityMinor,
  POD_SECURITY_NEWEST_MINOR,
  POD_SECURITY_VERSIONS,
} from './version';

const ids = (p: PodLike, level: PodSecurityLevel, version: string) =>
  evaluatePodSecurity(p, level, version).violations.map(v => v.id);

const admitted = (p: PodLike, level: PodSecurityLevel, version: string) =>
  evaluatePodSecurity(p, level, version).allowed;

const withSysctl = (name: string) =>
  pod(s => {
    (s.securityContext as any).sysctls = [{ name, value: '1' }];
  });

describe('Pod Security versions', () => {
  it.each([
    ['net.ipv4.ip_local_reserved_ports', 'v1.26', 'v1.27'],
    ['net.ipv4.tcp_keepalive_time', 'v1.28', 'v1.29'],
    ['net.ipv4.tcp_fin_timeout', 'v1.28', 'v1.29'],
    ['net.ipv4.tcp_rmem', 'v1.31', 'v1.32'],
    ['net.ipv4.tcp_wmem', 'v1.31', 'v1.32'],
    ['net.ipv4.tcp_slow_start_after_idle', 'v1.36', 'v1.37'],
    ['net.ipv4.tcp_notsent_lowat', 'v1.36', 'v1.37'],
  ])(
    'refuses sysctl %s at %s and allows it from %s on',
    (name, before, from) => {
      expect(evaluatePodSecurity(withSysctl(name), 'baseline', before)).toEqual(
        {
          allowed: false,
          level: 'baseline',
          version: before,
          violations: [
            {
              id: 'sysctls',
              level: 'baseline',
              name: 'forbidden sysctls',
              message: name,
            },
          ],
        },
      );
      expect(admitted(withSysctl(name), 'baseline', from)).toBe(true);
      expect(admitted(withSysctl(name), 'baseline', 'latest')).toBe(true);
    },
  );

  it('forbids runAsUser 0 only from v1.23', () => {
    const root = pod(s => {
      (s.securityContext as any).runAsUser = 0;
    });
    expect(admitted(root, 'restricted', 'v1.22')).toBe(true);
    expect(ids(root, 'restricted', 'v1.23')).toEqual(['runAsUser']);
  });

  it('requires dropping ALL capabilities only from v1.22, replacing the baseline list then', () => {
    const p = pod(s => {
      delete app(s).capabilities;
      init(s).capabilities = { drop: ['ALL'], add: ['SYS_TIME'] };
    });
    expect(ids(p, 'restricted', 'v1.21')).toEqual(['capabilities_baseline']);
    expect(ids(p, 'restricted', 'v1.22')).toEqual(['capabilities_restricted']);
    expect(ids(p, 'baseline', 'v1.22')).toEqual(['capabilities_baseline']);
  });

  it('requires allowPrivilegeEscalation=false only from v1.8', () => {
    const p = pod(s => {
      delete app(s).allowPrivilegeEscalation;
    });
    expect(ids(p, 'restricted', 'v1.7')).not.toContain(
      'allowPrivilegeEscalation',
    );
    expect(ids(p, 'restricted', 'v1.8')).toContain('allowPrivilegeEscalation');
  });

  it('reads seccomp from the alpha annotations before v1.19 and from the fields after', () => {
    const annotated = pod((_, a) => {
      a['seccomp.security.alpha.kubernetes.io/pod'] = 'unconfined';
      a['container.seccomp.security.alpha.kubernetes.io/app'] =
        'docker/default';
      a['container.seccomp.security.alpha.kubernetes.io/init'] = '';
    });
    expect(
      evaluatePodSecurity(annotated, 'baseline', 'v1.18').violations,
    ).toEqual([
      {
        id: 'seccompProfile_baseline',
        level: 'baseline',
        name: 'seccompProfile',
        message:
          'forbidden annotations container.seccomp.security.alpha.kubernetes.io/init="", seccomp.security.alpha.kubernetes.io/pod="unconfined"',
      },
    ]);
    expect(admitted(annotated, 'baseline', 'v1.19')).toBe(true);

    const unconfined = pod(s => {
      s.securityContext.seccompProfile = { type: 'Unconfined' };
    });
    expect(admitted(unconfined, 'baseline', 'v1.18')).toBe(true);
    expect(ids(unconfined, 'baseline', 'v1.19')).toEqual([
      'seccompProfile_baseline',
    ]);
    // Before v1.19 restricted had no seccomp requirement of its own either.
    expect(ids(unconfined, 'restricted', 'v1.18')).toEqual([]);
    expect(ids(unconfined, 'restricted', 'v1.19')).toEqual([
      'seccompProfile_restricted',
    ]);
  });

  it('allows the SELinux type container_engine_t from v1.31', () => {
    const p = pod(s => {
      (s.securityContext as any).seLinuxOptions = {
        type: 'container_engine_t',
      };
    });
    expect(evaluatePodSecurity(p, 'baseline', 'v1.30').violations).toEqual([
      {
        id: 'seLinuxOptions',
        level: 'baseline',
        name: 'seLinuxOptions',
        message:
          'pod set forbidden securityContext.seLinuxOptions: type "container_engine_t"',
      },
    ]);
    expect(admitted(p, 'baseline', 'v1.31')).toBe(true);
  });

  it('checks probe and lifecycle hosts from v1.34', () => {
    const p = pod(s => {
      s.containers[0].livenessProbe = {
        httpGet: { host: '169.254.169.254', port: 80 },
      };
    });
    expect(admitted(p, 'baseline', 'v1.33')).toBe(true);
    expect(ids(p, 'baseline', 'v1.34')).toEqual(['hostProbesAndHostLifecycle']);
  });

  it('relaxes root and /proc rules for pods in a user namespace from v1.35', () => {
    const p = pod(s => {
      s.hostUsers = false;
      s.securityContext.runAsNonRoot = false;
      (s.securityContext as any).runAsUser = 0;
      app(s).procMount = 'Unmasked';
    });
    expect(ids(p, 'baseline', 'v1.34')).toEqual(['procMount']);
    expect(ids(p, 'restricted', 'v1.34')).toEqual([
      'procMount',
      'runAsNonRoot',
      'runAsUser',
    ]);
    expect(admitted(p, 'baseline', 'v1.35')).toBe(true);
    // Restricted keeps /proc masked even in a user namespace.
    expect(ids(p, 'restricted', 'v1.35')).toEqual(['procMount_restricted']);
  });

  it('exempts Windows pods from the Linux-only restricted controls from v1.25', () => {
    const windows = pod(s => {
      s.os = { name: 'windows' };
      delete (s.securityContext as any).seccompProfile;
      delete app(s).capabilities;
      delete app(s).allowPrivilegeEscalation;
    });
    expect(ids(windows, 'restricted', 'v1.24')).toEqual([
      'allowPrivilegeEscalation',
      'capabilities_restricted',
      'seccompProfile_restricted',
    ]);
    expect(admitted(windows, 'restricted', 'v1.25')).toBe(true);
  });

  it('applies the newest rules to latest and to versions newer than it knows', () => {
    expect(POD_SECURITY_NEWEST_MINOR).toBe(37);
    expect(podSecurityMinor('latest')).toBe(37);
    expect(podSecurityMinor('v1.99')).toBe(37);
    expect(evaluatePodSecurity(pod(), 'restricted', 'v1.99').version).toBe(
      'v1.37',
    );
    expect(POD_SECURITY_VERSIONS[0]).toBe('v1.0');
    expect(POD_SECURITY_VERSIONS.slice(-2)).toEqual(['v1.37', 'latest']);
  });

  it.each([['1.30'], ['v2.0'], ['v1.07'], ['Latest'], ['']])(
    'rejects the version %p',
    version => {
      expect(podSecurityMinor(version)).toBeUndefined();
      expect(() => evaluatePodSecurity(pod(), 'baseline', version)).toThrow(
        `Unknown Pod Security version "${version}"`,
      );
    },
  );

  it('rejects an unknown level', () => {
    expect(() => evaluatePodSecurity(pod(), 'strict' as any, 'latest')).toThrow(
      'Unknown Pod Security level "strict"',
    );
  });

  it('lists refusals as upstream does: baseline controls first, each group by id', () => {
    const p = pod(s => {
      s.hostPID = true;
      delete (s.securityContext as any).runAsNonRoot;
      app(s).privileged = true;
      delete app(s).allowPrivilegeEscalation;
      s.volumes = [{ name: 'host', hostPath: { path: '/' } }];
    });
    expect(ids(p, 'restricted', 'latest')).toEqual([
      'hostNamespaces',
      'privileged',
      'allowPrivilegeEscalation',
      'restrictedVolumes',
      'runAsNonRoot',
    ]);
  });
});

describe('highestAdmissibleLevel', () => {
  it('names the strictest level that admits the pod', () => {
    expect(highestAdmissibleLevel(pod())).toBe('restricted');
    const baselineOnly = pod(s => {
      delete (s.securityContext as any).runAsNonRoot;
    });
    expect(highestAdmissibleLevel(baselineOnly)).toBe('baseline');
    const privilegedOnly = pod(s => {
      s.hostNetwork = true;
    });
    expect(highestAdmissibleLevel(privilegedOnly, 'v1.30')).toBe('privileged');
  });

  it('depends on the version', () => {
    const root = pod(s => {
      app(s).runAsUser = 0;
    });
    expect(highestAdmissibleLevel(root, 'v1.22')).toBe('restricted');
    expect(highestAdmissibleLevel(root, 'v1.23')).toBe('baseline');
  });

  it('treats an empty object as a pod with no containers', () => {
    expect(highestAdmissibleLevel({})).toBe('restricted');
  });
});
