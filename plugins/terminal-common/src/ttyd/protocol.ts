/**
 * ttyd 1.7's WebSocket protocol, as the real ttyd speaks it (see docs/ttyd-protocol.md).
 * Every message after the client's first is one ASCII command byte followed by its payload;
 * the official client and ttyd both send binary frames.
 */

/** The only upstream path ttyd accepts for its WebSocket (`/ws/<x>` is refused). */
export const TTYD_WS_PATH = '/ws';

/** ttyd stays silent unless the client asks for this subprotocol. */
export const TTYD_SUBPROTOCOL = 'tty';

/** The port Hatchway's runners run ttyd on. */
export const TTYD_PORT = 7681;

/** Command bytes the client sends. */
export const ClientCommand = {
  INPUT: '0',
  RESIZE_TERMINAL: '1',
  PAUSE: '2',
  RESUME: '3',
} as const;

/** Command bytes the server sends. */
export const ServerCommand = {
  OUTPUT: '0',
  SET_WINDOW_TITLE: '1',
  SET_PREFERENCES: '2',
} as const;

/** The client's first message: the credential and the size the command is spawned at. */
export interface TtydInit {
  AuthToken: string;
  columns: number;
  rows: number;
}

/** A terminal size in character cells. */
export interface TerminalSize {
  columns: number;
  rows: number;
}

/** A client message after the first one, decoded. */
export type TtydClientMessage =
  | { type: 'input'; data: Uint8Array }
  | ({ type: 'resize' } & TerminalSize)
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'unknown'; command: string };

/** A server message, decoded. */
export type TtydServerMessage =
  | { type: 'output'; data: Uint8Array }
  | { type: 'title'; title: string }
  | { type: 'preferences'; preferences: Record<string, unknown> }
  | { type: 'unknown'; command: string };
