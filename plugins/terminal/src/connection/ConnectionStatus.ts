/**
 * Where a terminal's connection is, for the status bar.
 * @public
 */
export type ConnectionStatus =
  | { state: 'connecting' }
  | { state: 'connected' }
  | {
      state: 'reconnecting';
      /** 1 for the first retry after a working connection was lost. */
      attempt: number;
      /** How long until the attempt, in milliseconds. */
      delayMs: number;
      /** Why the last connection ended. */
      reason: string;
    }
  | {
      state: 'ended';
      reason: string;
      /** Whether the session may still be alive, so a manual reconnect can make sense. */
      canReconnect: boolean;
    };
