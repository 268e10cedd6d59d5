interface StoredCookie {
  value: string;
  path: string;
}

/** One step of a navigation: where the browser went and what came back. */
export interface Visit {
  url: string;
  response: Response;
}

/**
 * What a browser does in an OAuth sign-in, without a browser: keeps cookies per origin (host
 * and port, honouring Path, Max-Age and Expires) and follows redirects, turning a 302/303 after
 * a POST into a GET.
 */
export class CookieBrowser {
  private readonly jar = new Map<string, Map<string, StoredCookie>>();

  /** One request, cookies attached and stored, redirects not followed. */
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const headers = new Headers(init.headers);
    const cookies = this.cookiesFor(target);
    if (cookies) headers.set('cookie', cookies);
    const response = await fetch(target, {
      ...init,
      headers,
      redirect: 'manual',
    });
    this.store(target, response.headers.getSetCookie());
    return response;
  }

  /** A request and every redirect after it; returns the last page with its URL. */
  async navigate(url: string, init: RequestInit = {}): Promise<Visit> {
    let current = url;
    let currentInit = init;
    for (let hop = 0; hop < 20; hop++) {
      const response = await this.request(current, currentInit);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) {
        return { url: current, response };
      }
      await response.arrayBuffer();
      current = new URL(location, current).toString();
      currentInit = { headers: init.headers };
    }
    throw new Error(`Too many redirects from ${url}`);
  }

  /** The names of the cookies the browser holds for a URL's origin. */
  cookieNames(url: string): string[] {
    return [...(this.jar.get(new URL(url).origin)?.keys() ?? [])];
  }

  private cookiesFor(url: URL): string {
    const cookies = this.jar.get(url.origin) ?? new Map<string, StoredCookie>();
    return [...cookies.entries()]
      .filter(([, c]) => pathMatches(url.pathname, c.path))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
  }

  private store(url: URL, setCookies: string[]) {
    const cookies = this.jar.get(url.origin) ?? new Map<string, StoredCookie>();
    this.jar.set(url.origin, cookies);
    for (const header of setCookies) {
      const [pair, ...attributes] = header.split(';').map(s => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      let path = '/';
      let expired = value === '';
      for (const attribute of attributes) {
        const [key, val = ''] = attribute.split('=');
        const k = key.toLowerCase();
        if (k === 'path') path = val;
        if (k === 'max-age' && Number(val) <= 0) expired = true;
        if (k === 'expires' && Date.parse(val) <= Date.now()) expired = true;
      }
      if (expired) {
        cookies.delete(name);
      } else {
        cookies.set(name, { value, path });
      }
    }
  }
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}
