import { Secret, TOTP } from 'otpauth';
import { io as connect } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JournalEvent, OneTimeLinkResult, SecondFactorChallenge, SessionInfo, StaffAccount } from '../../shared/index.js';
import { hashPassword } from '../auth/passwords.js';
import { PASSWORD, startHarness, type AgentSocket, type Harness } from './harness.js';

// Staff administration through the real HTTP API: invitations by one-time link, the password
// policy, deactivation (sessions and open consoles end at once), resets, and two-factor sign-in
// with codes computed by an independent RFC 6238 implementation (otpauth).

const ADMIN = { id: 'agt_alba', email: 'alba@mairie.test', displayName: 'Alba Admin', role: 'admin' as const, queueIds: [] };
const GOOD = 'la mairie ouvre à neuf heures';

let h: Harness;
let mails: { to: string; subject: string; text: string }[];
let adminToken: string;

beforeEach(async () => {
  mails = [];
  h = await startHarness({
    loginLimit: 5,
    staffMailer: {
      async send(to, subject, text) {
        mails.push({ to, subject, text });
        return 'mail';
      },
    },
  });
  await h.store.saveAgent({ ...ADMIN, id: ADMIN.id as never, passwordHash: await hashPassword(PASSWORD) });
  adminToken = ((await (await post('/api/auth/login', { email: ADMIN.email, password: PASSWORD })).json()) as SessionInfo).token;
});
afterEach(async () => {
  await h.close();
});

function post(path: string, body: unknown, token?: string, method = 'POST'): Promise<Response> {
  return fetch(`${h.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

const linkOf = (text: string) => /#([\w-]+)/.exec(/https?:\/\/\S+/.exec(text)![0])![1]!;

async function invite(email = 'lea.dubois@mairie.test', role = 'agent'): Promise<{ result: OneTimeLinkResult; token: string }> {
  const res = await post('/api/admin/accounts', { email, displayName: 'Léa Dubois', role, queueIds: ['que_accueil'], skills: ['urbanisme'], capacity: { email: 5 } }, adminToken);
  expect(res.status).toBe(201);
  const result = (await res.json()) as OneTimeLinkResult;
  const mail = mails.find((m) => m.to === email)!;
  return { result, token: linkOf(mail.text) };
}

async function journal(): Promise<JournalEvent[]> {
  return h.store.readJournal({ afterSeq: 0, limit: 1000 });
}

describe('staff accounts', () => {
  it('invites by a one-time link; the invitee sets a password the policy accepts and signs in', async () => {
    const { result, token } = await invite();
    expect(result).toMatchObject({ delivery: 'mail', account: { email: 'lea.dubois@mairie.test', role: 'agent', queueIds: ['que_accueil'], skills: ['urbanisme'], active: true, pending: true } });
    expect(Date.parse(result.expiresAt) - Date.now()).toBeGreaterThan(71 * 3_600_000);
    expect(mails[0]!.text).toContain('/set-password#');
    // Not before the password is set.
    expect((await post('/api/auth/login', { email: 'lea.dubois@mairie.test', password: GOOD })).status).toBe(401);

    for (const [password, reason] of [
      ['court', /12 characters/],
      ['motdepasse2024!', /breached/],
      ['dubois-accueil-2026', /name or your email/],
    ] as const) {
      const refused = await post('/api/account/set-password', { token, password });
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(reason);
    }
    const set = await post('/api/account/set-password', { token, password: GOOD });
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({ email: 'lea.dubois@mairie.test' });
    // The link works once.
    expect((await post('/api/account/set-password', { token, password: GOOD })).status).toBe(404);
    const login = await post('/api/auth/login', { email: 'Lea.Dubois@mairie.test', password: GOOD });
    expect(login.status).toBe(200);
    const listed = ((await (await fetch(`${h.url}/api/admin/accounts`, { headers: { authorization: `Bearer ${adminToken}` } })).json()) as { items: StaffAccount[] }).items;
    const lea = listed.find((a) => a.email === 'lea.dubois@mairie.test')!;
    expect(lea).toMatchObject({ pending: false, active: true, secondFactor: false });
    expect(lea.lastSignInAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain('passwordHash');
    expect((await journal()).filter((e) => e.type === 'account.changed').map((e) => e.type === 'account.changed' && e.payload.action)).toEqual(['invited', 'password-set']);
  });

  it('deactivates: no sign-in, every session ended, open consoles closed; reactivates', async () => {
    const { token } = await invite();
    await post('/api/account/set-password', { token, password: GOOD });
    const session = (await (await post('/api/auth/login', { email: 'lea.dubois@mairie.test', password: GOOD })).json()) as SessionInfo;
    const socket: AgentSocket = connect(`${h.url}/agent`, { auth: { token: session.token }, transports: ['websocket'], reconnection: false, forceNew: true });
    await new Promise<void>((resolve, reject) => {
      socket.once('session:ready', () => resolve());
      socket.once('connect_error', reject);
    });
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const started = performance.now();
    const res = await post(`/api/admin/accounts/${session.agent.id}/deactivate`, {}, adminToken);
    expect(res.status).toBe(200);
    expect(((await res.json()) as StaffAccount).active).toBe(false);
    expect(await closed).toBe('io server disconnect');
    expect(performance.now() - started).toBeLessThan(2000);
    expect((await fetch(`${h.url}/api/auth/me`, { headers: { authorization: `Bearer ${session.token}` } })).status).toBe(401);
    expect((await post('/api/auth/login', { email: 'lea.dubois@mairie.test', password: GOOD })).status).toBe(401);
    // No new link for a deactivated account; reactivation lets them in again.
    expect((await post(`/api/admin/accounts/${session.agent.id}/password-link`, {}, adminToken)).status).toBe(400);
    expect((await post(`/api/admin/accounts/${session.agent.id}/reactivate`, {}, adminToken)).status).toBe(200);
    expect((await post('/api/auth/login', { email: 'lea.dubois@mairie.test', password: GOOD })).status).toBe(200);
    socket.disconnect();
  });

  it('keeps the town administrable: no deactivating oneself or the last admin', async () => {
    expect((await post(`/api/admin/accounts/${ADMIN.id}/deactivate`, {}, adminToken)).status).toBe(400);
    const res = await post(`/api/admin/accounts/${ADMIN.id}`, { role: 'agent' }, adminToken, 'PATCH');
    expect(res.status).toBe(409);
    const agent = await h.login('agent');
    expect((await post('/api/admin/accounts', { email: 'x@mairie.test', displayName: 'X', role: 'admin' }, agent.token)).status).toBe(403);
  });

  it('resets a password by a new link, which ends the sessions opened with the old one', async () => {
    const agent = await h.login('agent');
    const res = await post(`/api/admin/accounts/${agent.agent.id}/password-link`, {}, adminToken);
    expect(res.status).toBe(200);
    const token = linkOf(mails.at(-1)!.text);
    expect(mails.at(-1)!.subject).toMatch(/Nouveau mot de passe/);
    expect((await post('/api/account/set-password', { token, password: GOOD })).status).toBe(200);
    expect((await fetch(`${h.url}/api/auth/me`, { headers: { authorization: `Bearer ${agent.token}` } })).status).toBe(401);
    expect((await post('/api/auth/login', { email: agent.agent.email, password: GOOD })).status).toBe(200);
  });
});

describe('two-factor sign-in', () => {
  const codeAt = (secret: string, ms = Date.now()) => new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: ms });

  it('enrols oneself, then asks for a code at every sign-in; a code works once, a recovery code too', async () => {
    const agent = await h.login('agent');
    const enrol = (await (await post('/api/account/second-factor', {}, agent.token)).json()) as { secret: string; uri: string; qrSvg: string };
    expect(enrol.qrSvg).toMatch(/^<svg/);
    expect((await post('/api/account/second-factor/confirm', { code: '123456' }, agent.token)).status).toBe(400);
    // The very code used to confirm, not one computed again later: a 30 s step may turn in between.
    const used = codeAt(enrol.secret);
    const confirmed = await post('/api/account/second-factor/confirm', { code: used }, agent.token);
    const { codes } = (await confirmed.json()) as { codes: string[] };
    expect(codes).toHaveLength(10);

    const first = (await (await post('/api/auth/login', { email: agent.agent.email, password: PASSWORD })).json()) as SecondFactorChallenge;
    expect(first).toMatchObject({ secondFactor: 'code' });
    expect(first).not.toHaveProperty('token');
    // The code just used to confirm is spent.
    expect((await post('/api/auth/login/second-factor', { email: agent.agent.email, challenge: first.challenge, code: used })).status).toBe(401);
    const next = codeAt(enrol.secret, Date.now() + 30_000);
    const signed = await post('/api/auth/login/second-factor', { email: agent.agent.email, challenge: first.challenge, code: next });
    expect(signed.status).toBe(200);
    expect(((await signed.json()) as SessionInfo).token).toBeTruthy();

    const second = (await (await post('/api/auth/login', { email: agent.agent.email, password: PASSWORD })).json()) as SecondFactorChallenge;
    expect((await post('/api/auth/login/second-factor', { email: agent.agent.email, challenge: second.challenge, code: codes[0] })).status).toBe(200);
    const third = (await (await post('/api/auth/login', { email: agent.agent.email, password: PASSWORD })).json()) as SecondFactorChallenge;
    expect((await post('/api/auth/login/second-factor', { email: agent.agent.email, challenge: third.challenge, code: codes[0] })).status).toBe(401);
    expect(JSON.stringify(await h.store.getAgent(agent.agent.id))).not.toContain(codes[1]!);
  });

  it('makes a role enrol at sign-in when an admin requires it, and shows the recovery codes once', async () => {
    expect((await post('/api/admin/settings/second-factor', { roles: ['supervisor'] }, adminToken, 'PUT')).status).toBe(200);
    const res = await post('/api/auth/login', { email: 'sarah@mairie.test', password: PASSWORD });
    const challenge = (await res.json()) as SecondFactorChallenge;
    expect(challenge.secondFactor).toBe('enrol');
    const secret = challenge.enrolment!.secret;
    const done = (await (await post('/api/auth/login/second-factor', { email: 'sarah@mairie.test', challenge: challenge.challenge, code: codeAt(secret) })).json()) as SessionInfo;
    expect(done.recoveryCodes).toHaveLength(10);
    expect((await h.store.getAgent('agt_sarah' as never))!.totp?.secret).toBe(secret);
    // Agents are not concerned.
    expect(((await (await post('/api/auth/login', { email: 'alice@mairie.test', password: PASSWORD })).json()) as SessionInfo).token).toBeTruthy();
  });

  it('rate-limits wrong codes like wrong passwords, and an admin can reset a lost second factor', async () => {
    const agent = await h.login('agent');
    const enrol = (await (await post('/api/account/second-factor', {}, agent.token)).json()) as { secret: string };
    await post('/api/account/second-factor/confirm', { code: codeAt(enrol.secret) }, agent.token);
    const { challenge } = (await (await post('/api/auth/login', { email: agent.agent.email, password: PASSWORD })).json()) as SecondFactorChallenge;
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await post('/api/auth/login/second-factor', { email: ` ${agent.agent.email.toUpperCase()} `, challenge, code: String(100000 + i) })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const reset = await post(`/api/admin/accounts/${agent.agent.id}/second-factor/reset`, {}, adminToken);
    expect(((await reset.json()) as StaffAccount).secondFactor).toBe(false);
  });
});
