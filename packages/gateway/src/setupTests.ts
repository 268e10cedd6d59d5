// Real databases, sockets and child processes on a shared machine: allow them time.
jest.setTimeout(60000);
