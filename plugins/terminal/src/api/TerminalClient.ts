import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type {
  CreateSessionRequest,
  ProfileListResponse,
  SessionListResponse,
  SessionTicketResponse,
  TerminalProfile,
  TerminalSession,
} from '@hatchway/plugin-terminal-common';
import type { TerminalApi } from './TerminalApi';
import { TerminalApiError } from './TerminalApiError';

/** The backend plugin id the discovery API resolves. */
const PLUGIN_ID = 'terminal';

/**
 * Talks to the terminal backend through the discovery and fetch APIs, so the base URL and the
 * caller's credentials come from the app, never from this code.
 * @public
 */
export class TerminalClient implements TerminalApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listProfiles(): Promise<TerminalProfile[]> {
    const body = await this.json<ProfileListResponse>('GET', '/profiles');
    return body.items ?? [];
  }

  async listSessions(): Promise<TerminalSession[]> {
    const body = await this.json<SessionListResponse>('GET', '/sessions');
    return body.items ?? [];
  }

  async getSession(id: string): Promise<TerminalSession> {
    return this.json('GET', sessionPath(id));
  }

  async createSession(request: CreateSessionRequest): Promise<TerminalSession> {
    return this.json('POST', '/sessions', request);
  }

  async endSession(id: string): Promise<void> {
    const response = await this.request('DELETE', sessionPath(id));
    // Already gone is what the caller wanted.
    if (!response.ok && response.status !== 404) {
      throw await TerminalApiError.fromResponse(response);
    }
  }

  async createTicket(id: string): Promise<SessionTicketResponse> {
    // The ticket comes back in the body of a POST: never in a URL, so no log or history keeps it.
    return this.json('POST', `${sessionPath(id)}/ticket`);
  }

  async getRecording(id: string): Promise<string> {
    // Fetched with the caller's credentials: a download link would need a token in its URL.
    const response = await this.request('GET', `${sessionPath(id)}/recording`);
    if (!response.ok) throw await TerminalApiError.fromResponse(response);
    return response.text();
  }

  private async json<T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    const response = await this.request(method, path, body);
    if (!response.ok) throw await TerminalApiError.fromResponse(response);
    return (await response.json()) as T;
  }

  private async request(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl(PLUGIN_ID);
    try {
      return await this.fetchApi.fetch(`${baseUrl}${path}`, {
        method,
        ...(body === undefined
          ? {}
          : {
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify(body),
            }),
      });
    } catch (error) {
      throw new TerminalApiError({
        message: (error as Error).message,
        status: 0,
      });
    }
  }
}

function sessionPath(id: string): string {
  return `/sessions/${encodeURIComponent(id)}`;
}
