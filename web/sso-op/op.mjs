// A real OpenID Provider for Schakel's single sign-on tests: the npm
// package oidc-provider (OpenID Certified), on 127.0.0.1 at a free port.
//
//   node op.mjs CONFIG.json
//
// CONFIG.json: {"clients": [{client_id, client_secret, redirect_uris,
// post_logout_redirect_uris}], "accounts": [{sub, email, email_verified,
// name, amr, acr}]}. Prints one line, "oidc-provider http://127.0.0.1:PORT",
// when it listens (the issuer); stops on SIGTERM or when stdin closes.
//
// The login is simple enough for a test to drive without a browser: the
// interaction page lists the accounts, and a POST of `account=<sub>` to it
// logs that account in with the account's own `amr` and `acr` (as a real
// provider reports how someone logged in: ["pwd", "otp"] is a login with a
// second factor, ["pwd"] one without). Consent is given for Schakel, a
// first-party client, without asking.

import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';

import Provider from 'oidc-provider';

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const accounts = new Map(config.accounts.map((a) => [a.sub, a]));

// A signing key of its own, made at start (no development keys).
const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256', kid: 'test-op' };

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

let provider;

async function interaction(req, res, uid) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('interaction mismatch');
  if (req.method === 'GET') {
    const options = [...accounts.values()]
      .map((a) => `<li><label><input type="radio" name="account" value="${escape(a.sub)}"> ${escape(a.email)} (${escape(a.amr.join('+'))})</label></li>`)
      .join('');
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><html lang="nl"><title>Test-inlogdienst</title><h1>Test-inlogdienst</h1>
<form method="post" action="/interaction/${escape(uid)}"><ul>${options}</ul><button>Inloggen</button></form></html>`);
    return;
  }
  const account = accounts.get((await readForm(req)).get('account'));
  if (!account) {
    res.statusCode = 400;
    res.end('unknown account');
    return;
  }
  await provider.interactionFinished(req, res, {
    login: { accountId: account.sub, amr: account.amr, acr: account.acr },
  }, { mergeWithLastSubmission: false });
}

const server = http.createServer(async (req, res) => {
  try {
    const m = /^\/interaction\/([\w-]+)$/.exec(new URL(req.url, 'http://x').pathname);
    if (m) {
      await interaction(req, res, m[1]);
    } else {
      provider.callback()(req, res);
    }
  } catch (e) {
    console.error(e);
    res.statusCode = 500;
    res.end('error');
  }
});

server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  provider = new Provider(issuer, {
    clients: config.clients,
    jwks: { keys: [jwk] },
    cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
    claims: { openid: ['sub', 'acr', 'amr', 'auth_time', 'sid'], email: ['email', 'email_verified'], profile: ['name'] },
    // Scope claims in the ID token of the code flow, as most providers do.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (ctx, i) => `/interaction/${i.uid}` },
    async findAccount(ctx, sub) {
      const a = accounts.get(sub);
      if (!a) return undefined;
      return {
        accountId: sub,
        async claims() {
          return { sub, email: a.email, email_verified: a.email_verified, name: a.name };
        },
      };
    },
    async loadExistingGrant(ctx) {
      const id = ctx.oidc.result?.consent?.grantId
        || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (id) return ctx.oidc.provider.Grant.find(id);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  console.log(`oidc-provider ${issuer}`);
});

process.on('SIGTERM', () => process.exit(0));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
