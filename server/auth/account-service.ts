import {
  AccountPatch,
  ChangePasswordInput,
  InviteInput,
  SecondFactorCode,
  SecondFactorPolicy,
  SetPasswordInput,
  can,
  newId,
  type AccountAction,
  type Agent,
  type AgentId,
  type Enrolment,
  type OneTimeLinkResult,
  type RecoveryCodes,
  type StaffAccount,
} from '../../shared/index.js';
import { DomainError, parseOrReject } from '../domain/errors.js';
import type { Clock, DirectoryStore, EventBus, JournalStore, StoredAgent } from '../domain/ports.js';
import { newToken, tokenHash } from './one-time-token.js';
import { PASSWORD_PROBLEM_TEXT, passwordProblem } from './password-policy.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { enrolmentFor, newRecoveryCodes, recoveryCodeHash, SECOND_FACTOR_SETTING, toAgent } from './session-service.js';
import { matchingStep } from './totp.js';
import { commit } from '../domain/commit.js';

/** How staff mail (one-time links) leaves: the town's relay, else the server log, once. */
export interface StaffMailer {
  send(to: string, subject: string, text: string): Promise<'mail' | 'log'>;
}

export interface AccountServiceDeps {
  /** The directory, and the journal its changes are recorded in. */
  store: DirectoryStore & JournalStore;
  bus: EventBus;
  clock: Clock;
  mailer: StaffMailer;
  /** Where the console is reached: the links point there. */
  publicUrl: string;
}

const INVITE_TTL_MS = 72 * 3_600_000;
const RESET_TTL_MS = 24 * 3_600_000;

export function staffAccount(stored: StoredAgent): StaffAccount {
  return {
    ...toAgent(stored),
    active: stored.active !== false,
    pending: stored.passwordHash === '',
    secondFactor: stored.totp !== undefined,
    lastSignInAt: stored.lastSignInAt ?? null,
    createdAt: stored.createdAt ?? null,
  };
}

/**
 * Staff administration. Every change is journaled (`account.changed`, who and when, never a
 * secret); accounts are never deleted, since the journal names them. Deactivating ends every
 * session at once, and the realtime gateway closes the person's sockets on every instance.
 */
export class AccountService {
  constructor(private readonly deps: AccountServiceDeps) {}

  async list(admin: Agent): Promise<StaffAccount[]> {
    this.assertAdmin(admin);
    return (await this.deps.store.listAgents()).map(staffAccount);
  }

  async invite(admin: Agent, raw: unknown): Promise<OneTimeLinkResult> {
    this.assertAdmin(admin);
    const input = parseOrReject(InviteInput, raw, 'invitation');
    await this.assertQueues(input.queueIds);
    if (await this.deps.store.findAgentByEmail(input.email)) throw new DomainError('conflict', 'an account with this email already exists', { reason: 'account_exists' });
    const now = this.deps.clock.now();
    const stored: StoredAgent = {
      id: newId<AgentId>('agt', now.getTime()),
      email: input.email,
      displayName: input.displayName,
      role: input.role,
      queueIds: input.queueIds,
      skills: input.skills,
      ...(input.capacity ? { capacity: input.capacity } : {}),
      passwordHash: '',
      active: true,
      invitedBy: admin.id,
      createdAt: now.toISOString(),
    };
    await this.deps.store.saveAgent(stored);
    await this.journal(admin, stored.id, 'invited');
    return this.sendLink(stored, 'invite');
  }

  async update(admin: Agent, id: AgentId, raw: unknown): Promise<StaffAccount> {
    this.assertAdmin(admin);
    const patch = parseOrReject(AccountPatch, raw, 'account');
    const stored = await this.account(id);
    if (patch.queueIds) await this.assertQueues(patch.queueIds);
    if (patch.role && patch.role !== 'admin' && stored.role === 'admin') await this.assertAnotherAdmin(stored.id);
    const fields = Object.keys(patch) as (keyof typeof patch)[];
    if (fields.length === 0) return staffAccount(stored);
    await this.deps.store.patchAgent(id, patch);
    await this.journal(admin, id, 'updated', fields);
    return staffAccount((await this.deps.store.getAgent(id))!);
  }

  async deactivate(admin: Agent, id: AgentId): Promise<StaffAccount> {
    this.assertAdmin(admin);
    if (id === admin.id) throw new DomainError('bad_request', 'you cannot deactivate your own account', { reason: 'own_account' });
    const stored = await this.account(id);
    if (stored.active === false) return staffAccount(stored);
    if (stored.role === 'admin') await this.assertAnotherAdmin(id);
    await this.deps.store.patchAgent(id, { active: false });
    await this.deps.store.deleteSessionsOf(id);
    await this.journal(admin, id, 'deactivated');
    return staffAccount((await this.deps.store.getAgent(id))!);
  }

  async reactivate(admin: Agent, id: AgentId): Promise<StaffAccount> {
    this.assertAdmin(admin);
    const stored = await this.account(id);
    if (stored.active !== false) return staffAccount(stored);
    await this.deps.store.patchAgent(id, { active: true });
    await this.journal(admin, id, 'reactivated');
    return staffAccount((await this.deps.store.getAgent(id))!);
  }

  /** A new one-time link: an invitation again for a pending account, else a password reset. */
  async sendPasswordLink(admin: Agent, id: AgentId): Promise<OneTimeLinkResult> {
    this.assertAdmin(admin);
    const stored = await this.account(id);
    if (stored.active === false) throw new DomainError('bad_request', 'reactivate the account first', { reason: 'reactivate_first' });
    await this.journal(admin, id, 'password-link-sent');
    return this.sendLink(stored, stored.passwordHash === '' ? 'invite' : 'reset');
  }

  async resetSecondFactor(admin: Agent, id: AgentId): Promise<StaffAccount> {
    this.assertAdmin(admin);
    await this.account(id);
    await this.deps.store.patchAgent(id, { totp: undefined, recoveryCodes: undefined });
    await this.deps.store.deleteSessionsOf(id);
    await this.journal(admin, id, 'second-factor-reset');
    return staffAccount((await this.deps.store.getAgent(id))!);
  }

  /** Public (the link is the credential): sets the password of an invited or reset account. */
  async redeem(raw: unknown): Promise<{ email: string }> {
    const { token, password } = parseOrReject(SetPasswordInput, raw, 'password');
    const hash = tokenHash(token);
    const link = await this.deps.store.getAccountToken(hash);
    const stored = link && (link.purpose === 'invite' || link.purpose === 'reset') ? await this.deps.store.getAgent(link.agentId) : null;
    if (!link || !stored || stored.active === false) throw new DomainError('not_found', 'this link is not valid any more: ask your administrator for a new one', { reason: 'link_expired' });
    this.assertPassword(password, stored);
    // Single use even when two tabs submit at once.
    if (!(await this.deps.store.useOnce(`link:${hash}`, link.expiresAt))) throw new DomainError('not_found', 'this link has already been used', { reason: 'link_used' });
    await this.deps.store.deleteAccountToken(hash);
    await this.deps.store.patchAgent(stored.id, { passwordHash: await hashPassword(password) });
    // A reset ends the sessions someone else may have opened with the old password.
    if (link.purpose === 'reset') await this.deps.store.deleteSessionsOf(stored.id);
    await this.journal({ id: stored.id, displayName: stored.displayName }, stored.id, 'password-set');
    return { email: stored.email };
  }

  async changePassword(agent: Agent, raw: unknown): Promise<void> {
    const { current, next } = parseOrReject(ChangePasswordInput, raw, 'password change');
    const stored = await this.account(agent.id);
    if (!(await verifyPassword(stored.passwordHash, current))) throw new DomainError('bad_request', 'the current password is wrong', [{ path: 'current', message: 'wrong' }]);
    this.assertPassword(next, stored);
    await this.deps.store.patchAgent(agent.id, { passwordHash: await hashPassword(next) });
    await this.journal(agent, agent.id, 'password-set');
  }

  /** Two-factor sign-in for oneself: a secret to add to an authenticator, confirmed by its first code. */
  async startEnrolment(agent: Agent): Promise<Enrolment> {
    const enrolment = await enrolmentFor(agent.email);
    await this.deps.store.saveAccountToken({
      tokenHash: tokenHash(`enrol:${agent.id}`),
      agentId: agent.id,
      purpose: 'enrol',
      expiresAt: new Date(this.deps.clock.now().getTime() + 15 * 60_000).toISOString(),
      data: { secret: enrolment.secret },
    });
    return enrolment;
  }

  async confirmEnrolment(agent: Agent, raw: unknown): Promise<RecoveryCodes> {
    const { code } = parseOrReject(SecondFactorCode, raw, 'code');
    const pending = await this.deps.store.getAccountToken(tokenHash(`enrol:${agent.id}`));
    const secret = pending?.data?.secret;
    const now = this.deps.clock.now();
    const step = secret ? matchingStep(secret, code, now.getTime()) : null;
    if (!secret || step === null || !(await this.deps.store.useOnce(`totp:${agent.id}:${step}`, new Date(now.getTime() + 5 * 60_000).toISOString()))) {
      throw new DomainError('bad_request', 'this code does not match: check the time of your phone and type the current code', [{ path: 'code', message: 'wrong' }]);
    }
    const codes = newRecoveryCodes();
    await this.deps.store.patchAgent(agent.id, { totp: { secret, enabledAt: now.toISOString() }, recoveryCodes: codes.map(recoveryCodeHash) });
    await this.deps.store.deleteAccountToken(pending!.tokenHash);
    await this.journal(agent, agent.id, 'second-factor-enabled');
    return { codes };
  }

  async secondFactorPolicy(admin: Agent): Promise<{ roles: Agent['role'][] }> {
    if (!can(admin.role, 'settings:manage')) throw new DomainError('forbidden', `your role (${admin.role}) may not do this`);
    const policy = SecondFactorPolicy.safeParse(await this.deps.store.getSetting(SECOND_FACTOR_SETTING));
    return policy.success ? policy.data : { roles: [] };
  }

  async setSecondFactorPolicy(admin: Agent, raw: unknown): Promise<{ roles: Agent['role'][] }> {
    if (!can(admin.role, 'settings:manage')) throw new DomainError('forbidden', `your role (${admin.role}) may not do this`);
    const policy = parseOrReject(SecondFactorPolicy, raw, 'second-factor policy');
    await this.deps.store.saveSetting(SECOND_FACTOR_SETTING, { roles: [...new Set(policy.roles)] });
    return this.secondFactorPolicy(admin);
  }

  private async sendLink(stored: StoredAgent, purpose: 'invite' | 'reset'): Promise<OneTimeLinkResult> {
    const token = newToken();
    const expiresAt = new Date(this.deps.clock.now().getTime() + (purpose === 'invite' ? INVITE_TTL_MS : RESET_TTL_MS)).toISOString();
    await this.deps.store.saveAccountToken({ tokenHash: tokenHash(token), agentId: stored.id, purpose, expiresAt });
    // The token travels in the fragment: it never reaches a server log or a Referer header.
    const link = `${this.deps.publicUrl.replace(/\/+$/, '')}/set-password#${token}`;
    const until = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(new Date(expiresAt));
    const [subject, text] =
      purpose === 'invite'
        ? [
            'Votre compte Guichet',
            `Bonjour ${stored.displayName},\n\nUn compte Guichet vous a été ouvert (${stored.email}). Choisissez votre mot de passe avec ce lien, valable une seule fois jusqu'au ${until} :\n\n${link}\n\nSi vous n'attendiez pas ce message, ignorez-le.`,
          ]
        : [
            'Nouveau mot de passe Guichet',
            `Bonjour ${stored.displayName},\n\nVoici un lien pour choisir un nouveau mot de passe, valable une seule fois jusqu'au ${until} :\n\n${link}\n\nSi vous n'avez rien demandé, prévenez votre administrateur.`,
          ];
    const delivery = await this.deps.mailer.send(stored.email, subject, text);
    return { account: staffAccount(stored), delivery, expiresAt };
  }

  private assertPassword(password: string, stored: StoredAgent): void {
    const problem = passwordProblem(password, stored);
    if (problem) throw new DomainError('bad_request', PASSWORD_PROBLEM_TEXT[problem], [{ path: 'password', message: problem }]);
  }

  private assertAdmin(admin: Agent): void {
    if (!can(admin.role, 'staff:manage')) throw new DomainError('forbidden', `your role (${admin.role}) may not manage accounts`);
  }

  private async account(id: AgentId): Promise<StoredAgent> {
    const stored = await this.deps.store.getAgent(id);
    if (!stored) throw new DomainError('not_found', 'no such account');
    return stored;
  }

  private async assertQueues(ids: readonly string[]): Promise<void> {
    const known = new Set<string>((await this.deps.store.listQueues()).map((q) => q.id));
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length) throw new DomainError('bad_request', `unknown queue ${unknown.join(', ')}`, [{ path: 'queueIds', message: 'unknown' }]);
  }

  /** The town must keep at least one active admin, or nobody could administer it again. */
  private async assertAnotherAdmin(except: AgentId): Promise<void> {
    const admins = (await this.deps.store.listAgents()).filter((a) => a.role === 'admin' && a.active !== false && a.id !== except);
    if (admins.length === 0) throw new DomainError('conflict', 'this is the last active admin account', { reason: 'last_admin' });
  }

  private async journal(actor: Pick<Agent, 'id' | 'displayName'>, agentId: AgentId, action: AccountAction, fields?: string[]): Promise<void> {
    await commit(this.deps, [
      {
        type: 'account.changed',
        at: this.deps.clock.now().toISOString(),
        actor: { kind: 'agent', id: actor.id, name: actor.displayName },
        payload: { agentId, action, ...(fields?.length ? { fields } : {}) },
      },
    ]);
  }
}
