import { Socket, SocketConstructorOpts } from 'node:net';
import { ReusedReadBuffer } from './ReusedReadBuffer';

/** A client connection that now reads into a {@link ReusedReadBuffer}. */
export interface MovedSocket {
  /** The new Socket object of the same connection, paused until the session resumes it. */
  socket: Socket;
  reader: ReusedReadBuffer;
  /** Bytes the old Socket object had read but not handed out yet: they come before any read. */
  buffered: Buffer;
}

/** The parts of a net.Socket this module reaches into, beyond its typed surface. */
interface SocketInternals {
  _handle: { useUserBuffer?: unknown } | null;
  _readableState: { ended: boolean };
  encrypted?: boolean;
}

/**
 * Moves a connection the HTTP server accepted to a new Socket object that reads into one reused
 * buffer, as the runner's socket does. Node offers `onread` only to sockets a process opens
 * (`net.connect`); an accepted socket hands every read to the stream machinery in a new Buffer,
 * which made up most of what the client leg cost beyond the system calls (measured through a bare
 * Node TCP proxy: 39–41 µs of CPU per echo round trip with stream reads on both legs, 32–33 with
 * reused-buffer reads). The connection's handle is given to `new Socket({ handle, onread })`,
 * the way Node's own cluster and child_process hand connections on; the old Socket object is
 * destroyed without closing the connection (its handle is taken away first).
 *
 * Returns undefined, and leaves the socket as it was, when moving would not be safe: the socket
 * is gone or has seen the peer's end, a write is still in flight on it, it is not a plain TCP
 * socket, or this Node has no such handle.
 */
export function readIntoReusedBuffer(socket: Socket): MovedSocket | undefined {
  const internals = socket as unknown as SocketInternals;
  const handle = internals._handle;
  if (
    !handle ||
    typeof handle.useUserBuffer !== 'function' ||
    internals.encrypted ||
    socket.destroyed ||
    socket.connecting ||
    internals._readableState?.ended !== false ||
    socket.writableLength > 0
  ) {
    return undefined;
  }
  socket.pause();
  const chunks: Buffer[] = [];
  for (let chunk = socket.read(); chunk !== null; chunk = socket.read()) {
    chunks.push(chunk);
  }
  const reader = new ReusedReadBuffer();
  socket.removeAllListeners();
  internals._handle = null;
  // With no handle left, destroying closes nothing: it only retires the object (and takes the
  // connection off the HTTP server's count).
  socket.destroy();
  // `pauseOnCreate`: no read before the session has set where reads go.
  const options = {
    handle,
    onread: reader.onread,
    pauseOnCreate: true,
    allowHalfOpen: socket.allowHalfOpen,
  };
  const moved = new Socket(options as unknown as SocketConstructorOpts);
  return { socket: moved, reader, buffered: Buffer.concat(chunks) };
}
