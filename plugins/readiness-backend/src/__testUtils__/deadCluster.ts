import { clustersConfig } from './backend';

/**
 * Config of one cluster, `dead`, that cannot be reached (nothing listens on port 1), with the
 * production profile, readiness-probe switched off and exemptions of at most 30 days.
 */
export const deadClusterConfig = {
  ...clustersConfig([{ name: 'dead', url: 'http://127.0.0.1:1' }]),
  readiness: {
    profile: 'production',
    checks: { 'readiness-probe': { enabled: false } },
    exemptions: { maxDays: 30 },
  },
};

/** An ISO time `days` from now. */
export const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString();
