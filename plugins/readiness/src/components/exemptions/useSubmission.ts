import { useState } from 'react';
import { describeError } from '../../api/responseError';

/**
 * Runs one request a dialog's button started: `busy` while it runs (the button is disabled
 * meanwhile), and the backend's refusal, as it worded it, until the next attempt.
 */
export function useSubmission() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async (request: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await request();
    } catch (e) {
      setError(describeError(e as Error));
    } finally {
      setBusy(false);
    }
  };

  return { busy, error, submit };
}
