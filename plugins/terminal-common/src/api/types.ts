/** Where a session is in its life. @public */
export type SessionState = 'Starting' | 'Ready' | 'Ended';

/** A terminal session as the REST API returns it. @public */
export interface TerminalSession {
  id: string;
  /** The owner's user entity ref. */
  owner: string;
  profile: string;
  /** The vCluster whose kubeconfig the runner mounts, if any. */
  vcluster?: string;
  state: SessionState;
  /** Why the session ended (or, while Starting, what it waits for). */
  reason?: string;
  /** Whether the runner came from the warm pool. */
  warm: boolean;
  recording: boolean;
  createdAt: string;
  readyAt?: string;
  lastActivityAt?: string;
  endedAt?: string;
  /** When the session ends at the latest (the profile's maximum lifetime). */
  expiresAt: string;
  /** Seconds without input or output before the session ends. */
  idleTimeoutSeconds: number;
  /** The WebSocket URL of this session on the gateway. */
  gatewayUrl: string;
}

/** A session profile as the REST API lists it. @public */
export interface TerminalProfile {
  name: string;
  title: string;
  description?: string;
  /** Whether the profile can mount a vCluster's kubeconfig. */
  vcluster: boolean;
  idleTimeoutSeconds: number;
  maxLifetimeSeconds: number;
  recording: boolean;
}

/** Body of `POST /sessions`. @public */
export interface CreateSessionRequest {
  profile: string;
  vcluster?: string;
}

/** Answer of `POST /sessions/:id/ticket`. @public */
export interface SessionTicketResponse {
  /** The one-time ticket: send it as ttyd's `AuthToken`, never in a URL. */
  ticket: string;
  expiresAt: string;
  gatewayUrl: string;
}

/** Answer of `GET /sessions`. @public */
export interface SessionListResponse {
  items: TerminalSession[];
}

/** Answer of `GET /profiles`. @public */
export interface ProfileListResponse {
  items: TerminalProfile[];
}
