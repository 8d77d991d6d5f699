import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTinyOidcProvider, type TinyOidcProvider } from './fakes/tiny-oidc-provider.js';
import { STAFF, startHarness, type Harness } from './harness.js';

// Single sign-on through a real OpenID Connect exchange with a provider on loopback: the browser's
// redirects are followed by hand, so each step (state, PKCE, nonce, the account rule) is visible.

let h: Harness;
let idp: TinyOidcProvider;

beforeAll(async () => {
  idp = await startTinyOidcProvider({ redirectUri: () => `${h.url}/api/auth/sso/callback` });
  h = await startHarness({ sso: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, label: 'ProConnect' } });
});
afterAll(async () => {
  await h?.close();
  await idp?.close();
});

const follow = async (url: string) => fetch(url, { redirect: 'manual' });

/** Start → provider → callback, as a browser would; the callback's answer. */
async function signIn(tamper?: (callback: URL) => void): Promise<Response> {
  const start = await follow(`${h.url}/api/auth/sso/start`);
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get('location')!);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorize.searchParams.get('nonce')).toBeTruthy();
  const back = await follow(authorize.toString());
  expect(back.status).toBe(302);
  const callback = new URL(back.headers.get('location')!);
  tamper?.(callback);
  return follow(callback.toString());
}

describe('single sign-on (OpenID Connect)', () => {
  it('tells the console it is on, with its label', async () => {
    expect(await (await fetch(`${h.url}/api/auth/sso`)).json()).toEqual({ enabled: true, label: 'ProConnect' });
  });

  it('opens a session for the active account of the verified email, with PKCE and client authentication', async () => {
    idp.nextUser = { sub: 'proconnect-123', email: STAFF.agent.email.toUpperCase(), email_verified: true };
    const res = await signIn();
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/');
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(cookie).toMatch(/^guichet_session=/);
    const me = await fetch(`${h.url}/api/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { agent: { id: string } }).agent.id).toBe(STAFF.agent.id);
    expect(idp.tokenRequests.at(-1)!.get('code_verifier')).toMatch(/^[\w-]{43,128}$/);
  });

  it('refuses an email the provider does not vouch for, an unknown or deactivated account, a replayed or forged state', async () => {
    idp.nextUser = { sub: 'x', email: STAFF.agent.email, email_verified: false };
    expect((await signIn()).headers.get('location')).toBe('/login?sso=unverified');
    idp.nextUser = { sub: 'y', email: 'inconnu@mairie.test', email_verified: true };
    expect((await signIn()).headers.get('location')).toBe('/login?sso=unknown-account');
    await h.store.patchAgent(STAFF.colleague.id, { active: false });
    idp.nextUser = { sub: 'z', email: STAFF.colleague.email, email_verified: true };
    expect((await signIn()).headers.get('location')).toBe('/login?sso=unknown-account');

    idp.nextUser = { sub: 'w', email: STAFF.agent.email, email_verified: true };
    let replay = '';
    const first = await signIn((callback) => (replay = callback.toString()));
    expect(first.headers.get('location')).toBe('/');
    expect((await follow(replay)).headers.get('location')).toBe('/login?sso=expired');
    const forged = await signIn((callback) => callback.searchParams.set('state', 'forged-state-value'));
    expect(forged.headers.get('location')).toBe('/login?sso=expired');
    expect(forged.headers.get('set-cookie')).toBeNull();
  });
});
