export interface Config {
  /** Hatchway session terminals (the `terminal` backend plugin). */
  terminal?: {
    /**
     * Keys that sign session tickets (RS256). The first one signs; every one is published in the
     * JWKS so that tickets signed before a rotation keep verifying. Without any, a key is
     * generated at start (local use only: tickets die with the process).
     */
    signingKeys?: Array<{
      /** The key id (JWT header `kid`). */
      kid: string;
      /** Path to a PEM private key (PKCS#8 or PKCS#1). */
      privateKeyFile?: string;
      /**
       * A PEM private key (PKCS#8 or PKCS#1).
       * @visibility secret
       */
      privateKey?: string;
    }>;
    tickets?: {
      /** Ticket issuer (`iss`); default `hatchway-terminal`. */
      issuer?: string;
      /** Ticket audience (`aud`), the gateway; default `hatchway-gateway`. */
      audience?: string;
      /** Ticket lifetime in seconds; default 60. */
      ttlSeconds?: number;
    };
    gateway?: {
      /**
       * The gateway's WebSocket base URL; a session's URL is this plus `/sessions/<id>`.
       * Default `ws://localhost:7010`.
       * @visibility frontend
       */
      url?: string;
    };
    /** The host cluster runners run on (a name from the cluster list); default the first. */
    cluster?: string;
    /** The namespace runner Jobs are created in; default `hatchway-runners`. */
    runnerNamespace?: string;
    /** Seconds a finished runner Job is kept before Kubernetes deletes it; default 60. */
    ttlSecondsAfterFinished?: number;
    limits?: {
      /** Live sessions per user; default 3. */
      perUser?: number;
      /** Live sessions in total; default 50. */
      global?: number;
    };
    recordings?: {
      /** Days recording chunks are kept; default 30. */
      retentionDays?: number;
    };
    /** Session profiles by name. */
    profiles?: {
      [name: string]: {
        /** Shown in the profile picker. */
        title: string;
        description?: string;
        /** The runner image (it runs ttyd and tmux; see @hatchway/runner). */
        image: string;
        /** The command the shell runs inside tmux, e.g. `["bash", "-l"]`. */
        command?: string[];
        resources?: {
          requests?: { cpu?: string; memory?: string };
          limits?: { cpu?: string; memory?: string };
        };
        /** Extra environment of the runner. */
        env?: { [name: string]: string };
        /** Seconds without input or output before a session ends; default 900. */
        idleTimeoutSeconds?: number;
        /** Seconds a session lives at most; default 28800. */
        maxLifetimeSeconds?: number;
        /** Whether the gateway records the session (asciicast v2). */
        recording?: boolean;
        /** Whether input is recorded too. */
        recordInput?: boolean;
        /** Group (or user) entity refs that may use the profile; empty = everyone. */
        allowedGroups?: string[];
        /** Whether the profile mounts a vCluster's kubeconfig (`vcluster` is then required). */
        vcluster?: boolean;
        /** Idle runners kept ready for this profile; default 0. */
        warmPool?: number;
      };
    };
  };
}
