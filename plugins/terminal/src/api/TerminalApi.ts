import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  CreateSessionRequest,
  SessionTicketResponse,
  TerminalProfile,
  TerminalSession,
} from '@hatchway/plugin-terminal-common';

/**
 * The terminal backend (`/api/terminal`) as the pages use it. Failed requests reject with a
 * {@link TerminalApiError}, whose `kind` says what went wrong (quota, capacity, bad input…).
 * @public
 */
export interface TerminalApi {
  /** The session profiles the caller may start. */
  listProfiles(): Promise<TerminalProfile[]>;
  /** The caller's own sessions, newest first as the backend returns them. */
  listSessions(): Promise<TerminalSession[]>;
  getSession(id: string): Promise<TerminalSession>;
  /** Starts a session; it comes back `Starting`. */
  createSession(request: CreateSessionRequest): Promise<TerminalSession>;
  /** Ends a session; ending one that already ended is not an error. */
  endSession(id: string): Promise<void>;
  /**
   * A one-time ticket to connect to a Ready session through the gateway. Rejects with kind
   * `conflict` (409) while the session is still starting.
   */
  createTicket(id: string): Promise<SessionTicketResponse>;
  /**
   * The session's asciicast v2 recording, as text. Rejects with kind `not-found` (404) while
   * nothing was recorded.
   */
  getRecording(id: string): Promise<string>;
}

/** @public */
export const terminalApiRef = createApiRef<TerminalApi>({
  id: 'plugin.terminal.api',
});
