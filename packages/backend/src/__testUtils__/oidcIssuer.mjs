// A real OpenID Connect issuer (panva's oidc-provider) for the sign-in tests, run as a child
// process because oidc-provider is an ES module. One confidential client; people sign in by
// name at /interaction/<uid> (a form, POST login=<name>), without a password, and consent is
// implied. Reads its settings as JSON from argv[2]; prints `ready <issuer>` when it listens.
//   { port, clientId, clientSecret, redirectUri, accounts: { <name>: { email, name } } }
import http from 'node:http';
import Provider from 'oidc-provider';

const settings = JSON.parse(process.argv[2]);
const issuer = `http://127.0.0.1:${settings.port}`;
const SCOPES = 'openid profile email';

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: settings.clientId,
      client_secret: settings.clientSecret,
      redirect_uris: [settings.redirectUri],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    },
  ],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
  },
  async findAccount(_ctx, id) {
    const account = settings.accounts[id];
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          email: account.email,
          email_verified: true,
          name: account.name,
        };
      },
    };
  },
  // Backstage keeps the person signed in with a refresh token in a cookie; it asks for
  // `openid profile email`, not offline_access.
  async issueRefreshToken(_ctx, client) {
    return client.grantTypeAllowed('refresh_token');
  },
  // First-party portal: no consent screen, the requested scopes are granted.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope(SCOPES);
    await grant.save();
    return grant;
  },
  interactions: {
    url: (_ctx, pending) => `/interaction/${pending.uid}`,
  },
  features: { devInteractions: { enabled: false } },
  cookies: { keys: ['hatchway-test-issuer-cookie-key'] },
});

const issuerCallback = provider.callback();

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('interaction mismatch');
  if (req.method === 'GET' && !action) {
    res.setHeader('content-type', 'text/html');
    res.end(
      `<form method="post" action="/interaction/${uid}/login">` +
        `<input name="login"><button>Sign in</button></form>`,
    );
    return;
  }
  if (req.method === 'POST' && action === 'login') {
    let body = '';
    for await (const chunk of req) body += chunk;
    const login = new URLSearchParams(body).get('login');
    if (!login || !settings.accounts[login]) {
      res.statusCode = 401;
      res.end('unknown account');
      return;
    }
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: login } },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  res.statusCode = 405;
  res.end();
}

const server = http.createServer((req, res) => {
  const match = /^\/interaction\/([^/?]+)(?:\/([a-z]+))?/.exec(req.url ?? '');
  if (!match) {
    issuerCallback(req, res);
    return;
  }
  interaction(req, res, match[1], match[2]).catch(error => {
    res.statusCode = 500;
    res.end(String(error));
  });
});
server.listen(settings.port, '127.0.0.1', () => {
  process.stdout.write(`ready ${issuer}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
