import { CLIENT, ACCOUNTS } from './oidcSignIn';
import { RunningOidcIssuer, startOidcIssuer } from './oidcIssuer';
import { freePort, startProductionBackend } from './productionBackend';

/** The production backend's OIDC environment for an issuer URL. */
export function oidcEnv(issuerUrl: string) {
  return {
    AUTH_OIDC_METADATA_URL: `${issuerUrl}/.well-known/openid-configuration`,
    AUTH_OIDC_CLIENT_ID: CLIENT.clientId,
    AUTH_OIDC_CLIENT_SECRET: CLIENT.clientSecret,
    AUTH_OIDC_EMAIL_DOMAIN: 'example.com',
    AUTH_SESSION_SECRET: 'production-sign-in-test-session-secret',
  };
}

/**
 * The test issuer, knowing ACCOUNTS, sending people back to the backend at `backendUrl`; on
 * `port` when the backend was configured with it before the issuer ran (default: a free one).
 */
export function startIssuerFor(
  backendUrl: string,
  port?: number,
): Promise<RunningOidcIssuer> {
  return startOidcIssuer({
    ...CLIENT,
    port,
    redirectUri: `${backendUrl}/api/auth/oidc/handler/frame`,
    accounts: ACCOUNTS,
  });
}

export interface OidcProductionBackend {
  baseUrl: string;
  issuerUrl: string;
  /** Stops the backend, then the issuer. */
  stop(): Promise<void>;
}

/**
 * The production backend signing people in through a test issuer. The issuer starts first: the
 * backend reads its discovery document at start.
 */
export async function startOidcProductionBackend(): Promise<OidcProductionBackend> {
  const port = await freePort();
  const issuer = await startIssuerFor(`http://127.0.0.1:${port}`);
  try {
    const backend = await startProductionBackend({
      port,
      env: oidcEnv(issuer.url),
    });
    return {
      baseUrl: backend.baseUrl,
      issuerUrl: issuer.url,
      stop: async () => {
        await backend.stop();
        await issuer.stop();
      },
    };
  } catch (error) {
    await issuer.stop();
    throw error;
  }
}
