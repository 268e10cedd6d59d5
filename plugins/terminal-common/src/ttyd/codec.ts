import {
  ClientCommand,
  ServerCommand,
  TerminalSize,
  TtydClientMessage,
  TtydInit,
  TtydServerMessage,
} from './protocol';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Bytes of a message as received: a Node Buffer, an ArrayBuffer or a view. */
export type WireData = Uint8Array | ArrayBuffer | string;

function bytesOf(data: WireData): Uint8Array {
  if (typeof data === 'string') return encoder.encode(data);
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}

function withCommand(command: string, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(payload.length + 1);
  out[0] = command.charCodeAt(0);
  out.set(payload, 1);
  return out;
}

/** Thrown when a message does not follow ttyd's protocol. */
export class TtydProtocolError extends Error {
  readonly name = 'TtydProtocolError';
}

function isSize(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n > 0 && n <= 10000;
}

/** The client's first message, JSON in a binary frame. */
export function encodeInit(init: TtydInit): Uint8Array {
  return encoder.encode(
    JSON.stringify({
      AuthToken: init.AuthToken,
      columns: init.columns,
      rows: init.rows,
    }),
  );
}

/** Parses the client's first message; throws {@link TtydProtocolError} unless it is ttyd's init JSON. */
export function decodeInit(data: WireData): TtydInit {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(bytesOf(data)));
  } catch {
    throw new TtydProtocolError('the first message is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new TtydProtocolError('the first message is not a JSON object');
  }
  const { AuthToken, columns, rows } = parsed as Record<string, unknown>;
  if (typeof AuthToken !== 'string') {
    throw new TtydProtocolError('the first message has no AuthToken string');
  }
  return {
    AuthToken,
    columns: isSize(columns) ? columns : 80,
    rows: isSize(rows) ? rows : 24,
  };
}

/** Keystrokes (or pasted text) for the shell. */
export function encodeInput(data: string | Uint8Array): Uint8Array {
  return withCommand(ClientCommand.INPUT, bytesOf(data));
}

/** A new terminal size. */
export function encodeResize(size: TerminalSize): Uint8Array {
  return withCommand(
    ClientCommand.RESIZE_TERMINAL,
    encoder.encode(JSON.stringify({ columns: size.columns, rows: size.rows })),
  );
}

/** Asks the server to stop reading the PTY until {@link encodeResume}. */
export function encodePause(): Uint8Array {
  return encoder.encode(ClientCommand.PAUSE);
}

/** Lets the server read the PTY again. */
export function encodeResume(): Uint8Array {
  return encoder.encode(ClientCommand.RESUME);
}

/** Decodes a client message that follows the first one. */
export function decodeClientMessage(data: WireData): TtydClientMessage {
  const bytes = bytesOf(data);
  if (bytes.length === 0) return { type: 'unknown', command: '' };
  const command = String.fromCharCode(bytes[0]);
  const payload = bytes.subarray(1);
  switch (command) {
    case ClientCommand.INPUT:
      return { type: 'input', data: payload };
    case ClientCommand.RESIZE_TERMINAL: {
      let size: Record<string, unknown>;
      try {
        size = JSON.parse(decoder.decode(payload));
      } catch {
        throw new TtydProtocolError('a resize message is not JSON');
      }
      if (!isSize(size?.columns) || !isSize(size?.rows)) {
        throw new TtydProtocolError('a resize message needs columns and rows');
      }
      return { type: 'resize', columns: size.columns, rows: size.rows };
    }
    case ClientCommand.PAUSE:
      return { type: 'pause' };
    case ClientCommand.RESUME:
      return { type: 'resume' };
    default:
      return { type: 'unknown', command };
  }
}

/** Terminal output for the client. */
export function encodeOutput(data: string | Uint8Array): Uint8Array {
  return withCommand(ServerCommand.OUTPUT, bytesOf(data));
}

/** The window title for the client (ttyd sends `<command> (<hostname>)`). */
export function encodeTitle(title: string): Uint8Array {
  return withCommand(ServerCommand.SET_WINDOW_TITLE, encoder.encode(title));
}

/** Client preferences (ttyd's `-t key=value` options). */
export function encodePreferences(
  preferences: Record<string, unknown>,
): Uint8Array {
  return withCommand(
    ServerCommand.SET_PREFERENCES,
    encoder.encode(JSON.stringify(preferences)),
  );
}

/** Decodes a server message. */
export function decodeServerMessage(data: WireData): TtydServerMessage {
  const bytes = bytesOf(data);
  if (bytes.length === 0) return { type: 'unknown', command: '' };
  const command = String.fromCharCode(bytes[0]);
  const payload = bytes.subarray(1);
  switch (command) {
    case ServerCommand.OUTPUT:
      return { type: 'output', data: payload };
    case ServerCommand.SET_WINDOW_TITLE:
      return { type: 'title', title: decoder.decode(payload) };
    case ServerCommand.SET_PREFERENCES: {
      let preferences: unknown;
      try {
        preferences = JSON.parse(decoder.decode(payload));
      } catch {
        throw new TtydProtocolError('a preferences message is not JSON');
      }
      return {
        type: 'preferences',
        preferences: (preferences ?? {}) as Record<string, unknown>,
      };
    }
    default:
      return { type: 'unknown', command };
  }
}

/**
 * ttyd's credential for `-c user:password`: the `Authorization: Basic` value on the upgrade and
 * the `AuthToken` of the first message are both base64 of `user:password`.
 */
export function ttydAuthToken(credential: string): string {
  const bytes = encoder.encode(credential);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}
