/**
 * Polls `check` every 50 ms until it returns a truthy value, which it returns; after
 * `timeoutMs` it throws naming `what` and the last error `check` threw. For the asynchronous
 * things these tests wait on: reconciles, watches, controllers of the emulator.
 * @public
 */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as T;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${what}: not within ${timeoutMs} ms${
          last ? ` (${String(last)})` : ''
        }`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}
