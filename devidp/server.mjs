// The local ID provider: a real OpenID Connect provider (npm oidc-provider) that plays
// ID-porten in development, the tests and the demo. See docs/portal.md and ADR 0023.
//
// The person types a synthetic national identity number (11 digits; no password: it stands
// in for BankID) and picks an assurance level. The id_token (RS256, keys at the JWKS
// endpoint) carries `pid` (the national ID), `acr` (idporten-loa-substantial or
// idporten-loa-high) and `amr`, as ID-porten's does. PKCE (S256) is required.
//
// Configured from the environment:
//   DEVIDP_ISSUER                  http://127.0.0.1:8100 (the port it listens on comes from it)
//   DEVIDP_CLIENT_ID               helhet
//   DEVIDP_CLIENT_SECRET           helhet-dev-secret
//   DEVIDP_REDIRECT_URIS           comma-separated; default http://127.0.0.1:8000/min-side/callback/
//   DEVIDP_POST_LOGOUT_REDIRECT_URIS  comma-separated; default http://127.0.0.1:8000/min-side/signed-out/
//   DEVIDP_KEY_FILE                where the signing key is kept between runs (optional)
//   DEVIDP_HINTS                   "name=nid,name=nid": demo persons shown on the sign-in page
//   DEVIDP_EXIT_WITH_STDIN         1: exit when stdin closes (the parent process has gone)
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname } from 'node:path';

import Provider from 'oidc-provider';

const env = (name, fallback) => process.env[name] || fallback;
const list = (value) => value.split(',').map((s) => s.trim()).filter(Boolean);

const ISSUER = env('DEVIDP_ISSUER', 'http://127.0.0.1:8100').replace(/\/$/, '');
const CLIENT_ID = env('DEVIDP_CLIENT_ID', 'helhet');
const CLIENT_SECRET = env('DEVIDP_CLIENT_SECRET', 'helhet-dev-secret');
const REDIRECT_URIS = list(env('DEVIDP_REDIRECT_URIS', 'http://127.0.0.1:8000/min-side/callback/'));
const LOGOUT_URIS = list(
  env('DEVIDP_POST_LOGOUT_REDIRECT_URIS', 'http://127.0.0.1:8000/min-side/signed-out/'),
);
const HINTS = list(env('DEVIDP_HINTS', '')).map((pair) => pair.split('='));
const LEVELS = {
  'idporten-loa-substantial': 'Betydelig (substantial)',
  'idporten-loa-high': 'Høyt (high)',
};

function signingKey() {
  const file = process.env.DEVIDP_KEY_FILE;
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = {
    ...privateKey.export({ format: 'jwk' }),
    kid: randomBytes(8).toString('hex'),
    alg: 'RS256',
    use: 'sig',
  };
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
  }
  return jwk;
}

// ID-porten's `sub` is a pseudonym per client; `pid` is the national ID.
const pidOf = new Map();
function subjectFor(pid) {
  const sub = createHash('sha256').update(`${CLIENT_ID}:${pid}`).digest('base64url').slice(0, 43);
  pidOf.set(sub, pid);
  return sub;
}

const escape = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title, body) {
  return `<!DOCTYPE html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · Lokal ID-porten (utvikling)</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;background:#f4f5f6;color:#1e2b3c;line-height:1.5}
main{max-width:30rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:8px}
h1{font-size:1.5rem;margin-top:0}label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input[type=text]{font-size:1.1rem;padding:.5rem;width:100%;box-sizing:border-box;border:1px solid #5e6b7c;border-radius:4px}
fieldset{border:0;padding:0;margin:1rem 0}legend{font-weight:600}
.choice{font-weight:400;display:flex;gap:.5rem;align-items:center}
button{font-size:1rem;padding:.6rem 1.2rem;border-radius:4px;border:2px solid #0062ba;background:#0062ba;color:#fff;cursor:pointer;margin:.5rem .5rem 0 0}
button.secondary{background:#fff;color:#0062ba}.error{color:#b3261e;font-weight:600}
.note{font-size:.9rem;color:#3f4b5c}code{font-size:1rem}
</style>
</head>
<body><main>${body}</main></body>
</html>`;
}

function loginPage(uid, params, error = '', pid = '') {
  const wanted = String(params.acr_values || '').split(' ')[0] || 'idporten-loa-substantial';
  const levels = Object.entries(LEVELS)
    .map(
      ([value, label]) => `<label class="choice"><input type="radio" name="acr" value="${value}"${
        value === wanted ? ' checked' : ''
      }> ${escape(label)}</label>`,
    )
    .join('\n');
  const hints = HINTS.length
    ? `<p class="note">Demo: ${HINTS.map(([n, id]) => `${escape(n)} <code>${escape(id)}</code>`).join(', ')}</p>`
    : '';
  return page(
    'Logg inn',
    `<h1>Logg inn <span lang="en">(sign in)</span></h1>
<p class="note">Lokal stand-in for ID-porten, kun for utvikling og test. Ingen passord: skriv et syntetisk fødselsnummer.
<span lang="en">A local stand-in for ID-porten, for development and tests only.</span></p>
${hints}
<form method="post" action="/interaction/${escape(uid)}/login" autocomplete="off">
<label for="pid">Fødselsnummer (11 siffer) <span lang="en">National identity number</span></label>
${error ? `<p class="error" id="pid-error">${escape(error)}</p>` : ''}
<input type="text" id="pid" name="pid" inputmode="numeric" maxlength="11" value="${escape(pid)}"${
      error ? ' aria-invalid="true" aria-describedby="pid-error"' : ''
    } required>
<fieldset><legend>Sikkerhetsnivå <span lang="en">(assurance level)</span></legend>
${levels}
</fieldset>
<button type="submit">Logg inn</button>
</form>
<form method="post" action="/interaction/${escape(uid)}/abort"><button type="submit" class="secondary">Avbryt <span lang="en">(cancel)</span></button></form>`,
  );
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}

const configuration = {
  clients: [
    {
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uris: REDIRECT_URIS,
      post_logout_redirect_uris: LOGOUT_URIS,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
    },
  ],
  pkce: { required: () => true },
  scopes: ['openid', 'profile'],
  claims: { openid: ['sub', 'pid', 'acr', 'amr', 'auth_time'] },
  // ID-porten puts pid in the id_token, not only behind the userinfo endpoint.
  conformIdTokenClaims: false,
  acrValues: Object.keys(LEVELS),
  jwks: { keys: [signingKey()] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  findAccount: async (ctx, sub) => {
    const pid = pidOf.get(sub);
    if (!pid) return undefined;
    return { accountId: sub, claims: async () => ({ sub, pid }) };
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  // ID-porten asks no consent of its own: the grant covers what the client asked for.
  loadExistingGrant: async (ctx) => {
    const grantId =
      ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid profile');
    grant.addOIDCClaims(['sub', 'pid', 'acr', 'amr', 'auth_time']);
    await grant.save();
    return grant;
  },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      logoutSource: async (ctx, form) => {
        ctx.body = page(
          'Logg ut',
          `<h1>Logg ut <span lang="en">(sign out)</span></h1>
<p>Vil du logge ut av den lokale ID-porten? <span lang="en">Sign out of the local ID-porten?</span></p>
${form}
<button type="submit" form="op.logoutForm" value="yes" name="logout">Logg ut <span lang="en">(sign out)</span></button>`,
        );
      },
      postLogoutSuccessSource: async (ctx) => {
        ctx.body = page('Logget ut', '<h1>Du er logget ut <span lang="en">(signed out)</span></h1>');
      },
    },
  },
  renderError: async (ctx, out) => {
    ctx.type = 'html';
    ctx.body = page(
      'Feil',
      `<h1>Innloggingen feilet <span lang="en">(sign-in failed)</span></h1><p><code>${escape(
        out.error,
      )}</code> ${escape(out.error_description)}</p>`,
    );
  },
};

const provider = new Provider(ISSUER, configuration);
const callback = provider.callback();

async function interaction(req, res, path) {
  const [, uid, action] = path.split('/').filter(Boolean);
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('interaction mismatch');
  const html = (status, body) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(body);
  };
  if (req.method === 'GET') {
    if (details.prompt.name === 'login') return html(200, loginPage(uid, details.params));
    // Any other prompt (consent): ID-porten asks none, so finish at once.
    return provider.interactionFinished(req, res, {}, { mergeWithLastSubmission: true });
  }
  if (req.method === 'POST' && action === 'abort') {
    return provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'The person cancelled the sign-in.' },
      { mergeWithLastSubmission: false },
    );
  }
  if (req.method === 'POST' && action === 'login') {
    const form = await readForm(req);
    const pid = (form.pid || '').replace(/\s/g, '');
    if (!/^\d{11}$/.test(pid)) {
      return html(400, loginPage(uid, details.params, 'Skriv 11 siffer. (Type 11 digits.)', pid));
    }
    const acr = form.acr in LEVELS ? form.acr : 'idporten-loa-substantial';
    return provider.interactionFinished(
      req,
      res,
      {
        login: {
          accountId: subjectFor(pid),
          acr,
          amr: acr === 'idporten-loa-high' ? ['BankID'] : ['MinID'],
          remember: false,
        },
      },
      { mergeWithLastSubmission: false },
    );
  }
  return html(405, page('Feil', '<h1>Method not allowed</h1>'));
}

const port = Number(new URL(ISSUER).port || 80);
const host = new URL(ISSUER).hostname;
createServer((req, res) => {
  const path = new URL(req.url, ISSUER).pathname;
  if (path.startsWith('/interaction/')) {
    interaction(req, res, path).catch((error) => {
      res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page('Feil', `<h1>Innloggingen feilet</h1><p>${escape(error.message)}</p>`));
    });
    return;
  }
  callback(req, res);
}).listen(port, host, () => {
  process.stdout.write(`devidp: local ID-porten at ${ISSUER} (client ${CLIENT_ID})\n`);
});

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
// Started by `helhet run` or the tests with a pipe on stdin: when the parent goes, so do we.
if (process.env.DEVIDP_EXIT_WITH_STDIN === '1') {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('error', () => process.exit(0));
  process.stdin.resume();
}
