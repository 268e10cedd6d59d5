import type {
  CreateSessionRequest,
  TerminalProfile,
  TerminalSession,
} from '@hatchway/plugin-terminal-common';
import type { TerminalApi } from '../api/TerminalApi';
import { TerminalApiError } from '../api/TerminalApiError';

/** Profiles as the backend would list them. */
export const profiles: TerminalProfile[] = [
  {
    name: 'shell',
    title: 'Shell',
    description: 'bash with kubectl, helm and jq',
    vcluster: false,
    idleTimeoutSeconds: 900,
    maxLifetimeSeconds: 28_800,
    recording: false,
  },
  {
    name: 'vcluster-admin',
    title: 'vCluster admin',
    description: "kubectl against the vCluster's API server",
    vcluster: true,
    idleTimeoutSeconds: 1800,
    maxLifetimeSeconds: 14_400,
    recording: true,
  },
];

/** A session with sensible defaults. */
export function session(
  overrides: Partial<TerminalSession> = {},
): TerminalSession {
  return {
    id: 'sess-1',
    owner: 'user:default/guest',
    profile: 'shell',
    state: 'Ready',
    warm: true,
    recording: false,
    createdAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    readyAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    lastActivityAt: new Date(Date.now() - 60_000).toISOString(),
    expiresAt: new Date(Date.now() + 8 * 3_600_000).toISOString(),
    idleTimeoutSeconds: 900,
    gatewayUrl: 'ws://127.0.0.1:1/sessions/sess-1',
    ...overrides,
  };
}

/**
 * An in-memory terminal backend for component tests, at the client boundary. Every method is
 * a jest mock, so tests can inspect calls or make one fail.
 */
export class FakeTerminalApi implements TerminalApi {
  profiles: TerminalProfile[] = profiles;
  sessions: TerminalSession[] = [];

  listProfiles = jest.fn(async () => this.profiles);
  listSessions = jest.fn(async () => this.sessions);
  getSession = jest.fn(async (id: string) => {
    const found = this.sessions.find(s => s.id === id);
    if (!found) throw new Error(`no session ${id}`);
    return found;
  });
  createSession = jest.fn(async (request: CreateSessionRequest) => {
    const created = session({
      id: `sess-${this.sessions.length + 1}`,
      state: 'Starting',
      ...request,
    });
    this.sessions = [created, ...this.sessions];
    return created;
  });
  endSession = jest.fn(async (id: string) => {
    this.sessions = this.sessions.map(s =>
      s.id === id
        ? { ...s, state: 'Ended' as const, reason: 'Ended by you' }
        : s,
    );
  });
  /** Recordings by session id; a session without one answers 404 as the backend does. */
  recordings: Record<string, string> = {};
  getRecording = jest.fn(async (id: string) => {
    const cast = this.recordings[id];
    if (cast === undefined) {
      throw new TerminalApiError({
        status: 404,
        message: `Session ${id} has no recording`,
      });
    }
    return cast;
  });
  createTicket = jest.fn(async (id: string) => ({
    ticket: `ticket-for-${id}`,
    expiresAt: new Date(Date.now() + 60_000).toISOString(),
    gatewayUrl: `ws://127.0.0.1:1/sessions/${id}`,
  }));
}
