import { controlCases as cases } from './__fixtures__/controlCases';
import { POD_SECURITY_CONTROLS } from './controls';
import { evaluatePodSecurity } from './evaluate';
import { PodLike, PodSecurityLevel } from './types';

// Baseline controls that a restricted control replaces at the newest version.
const REPLACED_AT_RESTRICTED: Record<string, string> = {
  capabilities_baseline: 'capabilities_restricted',
  hostPathVolumes: 'restrictedVolumes',
  procMount: 'procMount_restricted',
  seccompProfile_baseline: 'seccompProfile_restricted',
};

const idsAt = (p: PodLike, level: PodSecurityLevel) =>
  evaluatePodSecurity(p, level, 'latest').violations.map(v => v.id);

describe.each(POD_SECURITY_CONTROLS.map(c => [c.id, c] as const))(
  'Pod Security control %s',
  (id, control) => {
    const levels: PodSecurityLevel[] =
      control.level === 'baseline'
        ? ['baseline', 'restricted']
        : ['restricted'];

    it('has cases', () => {
      expect(cases[id]?.pass.length).toBeGreaterThan(0);
      expect(cases[id]?.fail.length).toBeGreaterThan(0);
    });

    it.each(cases[id]?.pass ?? [])('admits %s', (_, p) => {
      expect(evaluatePodSecurity(p, control.level, 'latest')).toEqual({
        allowed: true,
        level: control.level,
        version: 'v1.37',
        violations: [],
      });
      for (const level of levels) expect(idsAt(p, level)).not.toContain(id);
    });

    it.each(cases[id]?.fail ?? [])('refuses %s', (_, p, refusal) => {
      expect(evaluatePodSecurity(p, control.level, 'latest')).toEqual({
        allowed: false,
        level: control.level,
        version: 'v1.37',
        violations: [{ id, level: control.level, ...refusal }],
      });
      expect(evaluatePodSecurity(p, 'privileged', 'latest').allowed).toBe(true);
    });

    if (control.level === 'baseline') {
      it.each(cases[id]?.fail ?? [])(
        'also refuses %s at restricted',
        (_, p) => {
          const restricted = evaluatePodSecurity(p, 'restricted', 'latest');
          expect(restricted.allowed).toBe(false);
          expect(restricted.violations.map(v => v.id)).toContain(
            REPLACED_AT_RESTRICTED[id] ?? id,
          );
        },
      );
    } else {
      // Restricted-only refusals do not bind baseline namespaces.
      it.each(cases[id]?.fail ?? [])('admits %s at baseline', (_, p) => {
        expect(evaluatePodSecurity(p, 'baseline', 'latest').allowed).toBe(true);
      });
    }
  },
);
