import {
  gatewaySessionPath,
  TerminalProfile,
  TerminalSession,
} from '@hatchway/plugin-terminal-common';
import { SessionProfile } from '../config/readTerminalConfig';
import { StoredSession } from '../database/types';

/** A stored session as the API returns it: never its credential nor its pod's address. */
export function toApiSession(
  session: StoredSession,
  gatewayUrl: string,
): TerminalSession {
  return {
    id: session.id,
    owner: session.owner,
    profile: session.profile,
    ...(session.vcluster && { vcluster: session.vcluster }),
    state: session.state,
    ...(session.reason && { reason: session.reason }),
    warm: session.warm,
    recording: session.recording,
    createdAt: session.createdAt.toISOString(),
    readyAt: session.readyAt?.toISOString(),
    lastActivityAt: session.lastActivityAt?.toISOString(),
    endedAt: session.endedAt?.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
    idleTimeoutSeconds: session.idleTimeoutSeconds,
    gatewayUrl: `${gatewayUrl}${gatewaySessionPath(session.id)}`,
  };
}

/** A profile as the API lists it. */
export function toApiProfile(profile: SessionProfile): TerminalProfile {
  return {
    name: profile.name,
    title: profile.title,
    ...(profile.description && { description: profile.description }),
    vcluster: profile.vcluster,
    idleTimeoutSeconds: profile.idleTimeoutSeconds,
    maxLifetimeSeconds: profile.maxLifetimeSeconds,
    recording: profile.recording,
  };
}
