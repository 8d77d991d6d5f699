import { createHash, randomBytes } from 'node:crypto';
import type { Agent, AgentId } from '../../shared/index.js';
import type { Clock, Store, StoredAgent } from '../domain/ports.js';
import { loginIdentifier } from './login-identifier.js';
import { hashPassword, verifyPassword } from './passwords.js';

export interface IssuedSession {
  agent: Agent;
  token: string;
  expiresAt: string;
}

export function toAgent(stored: StoredAgent): Agent {
  const { passwordHash: _hash, ...agent } = stored;
  return agent;
}

/** Only a hash of the token is stored, so a leaked database does not hand out live sessions. */
function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export class SessionService {
  // Compared against when the email is unknown, so both failures take the same time.
  private readonly decoy: Promise<string> = hashPassword(randomBytes(16).toString('hex'));

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  async login(email: string, password: string): Promise<IssuedSession | null> {
    const stored = await this.store.findAgentByEmail(loginIdentifier(email));
    const ok = await verifyPassword(stored?.passwordHash ?? (await this.decoy), password);
    if (!stored || !ok) return null;
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.clock.now().getTime() + this.ttlMs).toISOString();
    await this.store.saveSession({ tokenHash: tokenHash(token), agentId: stored.id, expiresAt });
    return { agent: toAgent(stored), token, expiresAt };
  }

  async authenticate(token: string | undefined): Promise<{ agent: Agent; expiresAt: string } | null> {
    if (!token || token.length > 200) return null;
    const session = await this.store.getSession(tokenHash(token));
    if (!session || session.expiresAt <= this.clock.now().toISOString()) return null;
    const stored = await this.store.getAgent(session.agentId as AgentId);
    return stored ? { agent: toAgent(stored), expiresAt: session.expiresAt } : null;
  }

  async logout(token: string | undefined): Promise<void> {
    if (token) await this.store.deleteSession(tokenHash(token));
  }
}
