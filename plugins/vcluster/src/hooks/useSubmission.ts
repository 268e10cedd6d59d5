import { useState } from 'react';

/**
 * Runs one user-started request at a time: `busy` while it runs (to disable the button that
 * started it), and the error it failed with, if any, until the next attempt or `clearError`.
 */
export function useSubmission() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();

  const submit = async (request: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await request();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  return { busy, error, submit, clearError: () => setError(undefined) };
}
