import { createHash, randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import { SecondFactorPolicy, type Agent, type AgentId, type Role, type SecondFactorChallenge } from '../../shared/index.js';
import type { Clock, DirectoryStore, StoredAgent } from '../domain/ports.js';
import { loginIdentifier } from './login-identifier.js';
import { newToken, tokenHash } from './one-time-token.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { matchingStep, newTotpSecret, otpauthUri } from './totp.js';

export interface IssuedSession {
  agent: Agent;
  token: string;
  expiresAt: string;
}

export type LoginOutcome =
  | { kind: 'session'; session: IssuedSession; recoveryCodes?: string[] }
  | { kind: 'second-factor'; challenge: SecondFactorChallenge }
  | { kind: 'refused' };

const CHALLENGE_TTL_MS = 5 * 60_000;
export const SECOND_FACTOR_SETTING = 'second-factor';
const ISSUER = 'Guichet';

/** What a member of staff is, without any secret or bookkeeping of the account. */
export function toAgent(stored: StoredAgent): Agent {
  const { id, email, displayName, role, queueIds, skills, capacity } = stored;
  return { id, email, displayName, role, queueIds, ...(skills ? { skills } : {}), ...(capacity ? { capacity } : {}) };
}

/** Recovery codes are random (50 bits each): a plain hash is enough, a slow one adds nothing. */
export function recoveryCodeHash(code: string): string {
  return createHash('sha256').update(code.replace(/[\s-]/g, '').toUpperCase()).digest('base64url');
}

export function newRecoveryCodes(): string[] {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  return Array.from({ length: 10 }, () => {
    const bytes = randomBytes(10);
    const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

export async function enrolmentFor(email: string, secret = newTotpSecret()) {
  const uri = otpauthUri(secret, email, ISSUER);
  return { secret, uri, qrSvg: await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) };
}

export class SessionService {
  // Compared against when the email is unknown, so both failures take the same time.
  private readonly decoy: Promise<string> = hashPassword(randomBytes(16).toString('hex'));

  constructor(
    private readonly store: DirectoryStore,
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  /**
   * The first step. A right password of an active account opens a session, unless the account
   * has a second factor (then a code is asked) or its role must have one (then it is enrolled
   * first). Every refusal looks the same: unknown account, wrong password, deactivated.
   */
  async login(email: string, password: string): Promise<LoginOutcome> {
    const stored = await this.store.findAgentByEmail(loginIdentifier(email));
    // An invited account has no password yet: the decoy is compared, so nothing matches.
    const ok = await verifyPassword(stored?.passwordHash || (await this.decoy), password);
    if (!stored || !ok || stored.active === false) return { kind: 'refused' };
    if (stored.totp) return { kind: 'second-factor', challenge: await this.challenge(stored, 'second-factor') };
    if (await this.secondFactorRequired(stored.role)) {
      const enrolment = await enrolmentFor(stored.email);
      return { kind: 'second-factor', challenge: await this.challenge(stored, 'enrol', enrolment) };
    }
    return { kind: 'session', session: await this.open(stored) };
  }

  /**
   * The second step: a code of the authenticator (spent once), a recovery code (spent), or the
   * first code of an enrolment, which turns the second factor on and gives the recovery codes.
   */
  async completeSecondFactor(email: string, challenge: string, code: string): Promise<LoginOutcome> {
    const [stored, pending] = await Promise.all([this.store.findAgentByEmail(loginIdentifier(email)), this.store.getAccountToken(tokenHash(challenge))]);
    if (!stored || !pending || pending.agentId !== stored.id || stored.active === false) return { kind: 'refused' };
    if (pending.purpose === 'second-factor' && stored.totp) {
      if (!(await this.spendCode(stored, stored.totp.secret, code))) return { kind: 'refused' };
      await this.store.deleteAccountToken(pending.tokenHash);
      return { kind: 'session', session: await this.open(stored) };
    }
    if (pending.purpose === 'enrol' && pending.data?.secret) {
      if (!(await this.spendCode(stored, pending.data.secret, code))) return { kind: 'refused' };
      const recoveryCodes = newRecoveryCodes();
      await this.store.patchAgent(stored.id, { totp: { secret: pending.data.secret, enabledAt: this.clock.now().toISOString() }, recoveryCodes: recoveryCodes.map(recoveryCodeHash) });
      await this.store.deleteAccountToken(pending.tokenHash);
      return { kind: 'session', session: await this.open(stored), recoveryCodes };
    }
    return { kind: 'refused' };
  }

  async authenticate(token: string | undefined): Promise<{ agent: Agent; expiresAt: string } | null> {
    if (!token || token.length > 200) return null;
    const session = await this.store.getSession(tokenHash(token));
    if (!session || session.expiresAt <= this.clock.now().toISOString()) return null;
    const stored = await this.store.getAgent(session.agentId as AgentId);
    // A deactivated account's sessions were deleted; this also covers one opened meanwhile elsewhere.
    return stored && stored.active !== false ? { agent: toAgent(stored), expiresAt: session.expiresAt } : null;
  }

  async logout(token: string | undefined): Promise<void> {
    if (token) await this.store.deleteSession(tokenHash(token));
  }

  async secondFactorRequired(role: Role): Promise<boolean> {
    const policy = SecondFactorPolicy.safeParse(await this.store.getSetting(SECOND_FACTOR_SETTING));
    return policy.success && policy.data.roles.includes(role);
  }

  /** Opens a session for an account already checked (password and, where asked, second factor; or SSO). */
  async open(stored: StoredAgent): Promise<IssuedSession> {
    const now = this.clock.now();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.ttlMs).toISOString();
    await this.store.saveSession({ tokenHash: tokenHash(token), agentId: stored.id, expiresAt });
    // Only this field: a deactivation or a role change made meanwhile must stand.
    await this.store.patchAgent(stored.id, { lastSignInAt: now.toISOString() });
    return { agent: toAgent(stored), token, expiresAt };
  }

  /** A code of this secret, or an unused recovery code of the account; each works once. */
  private async spendCode(stored: StoredAgent, secret: string, code: string): Promise<boolean> {
    const now = this.clock.now().getTime();
    const step = matchingStep(secret, code, now);
    if (step !== null) return this.store.useOnce(`totp:${stored.id}:${step}`, new Date(now + 5 * 60_000).toISOString());
    const hash = recoveryCodeHash(code);
    if (!stored.recoveryCodes?.includes(hash)) return false;
    if (!(await this.store.useOnce(`recovery:${stored.id}:${hash}`, new Date(now + 365 * 86_400_000).toISOString()))) return false;
    await this.store.patchAgent(stored.id, { recoveryCodes: stored.recoveryCodes.filter((h) => h !== hash) });
    return true;
  }

  private async challenge(stored: StoredAgent, purpose: 'second-factor' | 'enrol', enrolment?: { secret: string; uri: string; qrSvg: string }): Promise<SecondFactorChallenge> {
    const token = newToken();
    await this.store.saveAccountToken({
      tokenHash: tokenHash(token),
      agentId: stored.id,
      purpose,
      expiresAt: new Date(this.clock.now().getTime() + CHALLENGE_TTL_MS).toISOString(),
      ...(enrolment ? { data: { secret: enrolment.secret } } : {}),
    });
    return { secondFactor: purpose === 'enrol' ? 'enrol' : 'code', challenge: token, ...(enrolment ? { enrolment } : {}) };
  }
}
