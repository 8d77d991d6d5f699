import type { AgentId, Queue } from '../../../shared/index.js';
import type { AccountToken, Session, StoredAgent } from '../../domain/ports.js';
import { isDuplicateKey } from './mongo-errors.js';
import type { mongo } from 'mongoose';
import type { AgentDoc, Collections } from './models.js';

// Staff directory and sessions: configuration written directly, not derived from the journal,
// so rebuildProjections leaves these collections alone. Last writer wins, as in SQLite.

export interface Directory {
  saveQueue(queue: Queue): Promise<void>;
  listQueues(): Promise<Queue[]>;
  saveAgent(agent: StoredAgent): Promise<void>;
  patchAgent(id: AgentId, fields: Partial<StoredAgent>): Promise<boolean>;
  getAgent(id: AgentId): Promise<StoredAgent | null>;
  findAgentByEmail(email: string): Promise<StoredAgent | null>;
  listAgents(): Promise<StoredAgent[]>;
  saveSession(session: Session): Promise<void>;
  getSession(tokenHash: string, now: Date): Promise<Session | null>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteSessionsOf(agentId: AgentId): Promise<number>;
  saveAccountToken(token: AccountToken): Promise<void>;
  getAccountToken(tokenHash: string, now: Date): Promise<AccountToken | null>;
  deleteAccountToken(tokenHash: string): Promise<void>;
  useOnce(key: string, expiresAt: string, now: Date): Promise<boolean>;
  getSetting(key: string): Promise<unknown>;
  saveSetting(key: string, value: unknown): Promise<void>;
}

const lower = (email: string) => email.trim().toLowerCase();

export function directory(c: Collections): Directory {
  const hideQueue = { projection: { _id: 0 } } as const;
  const hideAgent = { projection: { _id: 0, emailLower: 0 } } as const;
  return {
    async saveQueue(queue) {
      await c.queues.replaceOne({ _id: queue.id }, { ...queue }, { upsert: true });
    },
    listQueues: () => c.queues.find<Queue>({}, hideQueue).sort({ name: 1, _id: 1 }).toArray(),
    async saveAgent(agent) {
      // Email is matched case-insensitively (people type it as they like at login); the unique
      // index on the lower-cased copy keeps one account per address.
      await c.agents.replaceOne({ _id: agent.id }, { ...agent, emailLower: lower(agent.email) }, { upsert: true });
    },
    async patchAgent(id, fields) {
      const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      const unset = Object.fromEntries(Object.entries(fields).filter(([, v]) => v === undefined).map(([k]) => [k, '']));
      const update = { ...(Object.keys(set).length ? { $set: set } : {}), ...(Object.keys(unset).length ? { $unset: unset } : {}) };
      if (Object.keys(update).length === 0) return (await c.agents.countDocuments({ _id: id })) === 1;
      return (await c.agents.updateOne({ _id: id }, update as mongo.UpdateFilter<AgentDoc>)).matchedCount === 1;
    },
    getAgent: (id) => c.agents.findOne<StoredAgent>({ _id: id }, hideAgent),
    findAgentByEmail: (email) => c.agents.findOne<StoredAgent>({ emailLower: lower(email) }, hideAgent),
    listAgents: () => c.agents.find<StoredAgent>({}, hideAgent).sort({ displayName: 1, _id: 1 }).toArray(),
    async saveSession(s) {
      await c.sessions.replaceOne({ _id: s.tokenHash }, { agentId: s.agentId, expiresAt: s.expiresAt }, { upsert: true });
    },
    async getSession(tokenHash, now) {
      const doc = await c.sessions.findOne({ _id: tokenHash });
      if (!doc) return null;
      // Compared as instants, not strings: callers may write expiresAt with any ISO offset.
      if (!(Date.parse(doc.expiresAt) > now.getTime())) {
        await c.sessions.deleteOne({ _id: tokenHash });
        return null;
      }
      return { tokenHash: doc._id, agentId: doc.agentId as AgentId, expiresAt: doc.expiresAt };
    },
    async deleteSession(tokenHash) {
      await c.sessions.deleteOne({ _id: tokenHash });
    },
    async deleteSessionsOf(agentId) {
      return (await c.sessions.deleteMany({ agentId })).deletedCount;
    },
    async saveAccountToken(token) {
      await c.accountTokens.replaceOne({ _id: token.tokenHash }, { ...token }, { upsert: true });
    },
    async getAccountToken(tokenHash, now) {
      const doc = await c.accountTokens.findOne<AccountToken>({ _id: tokenHash }, { projection: { _id: 0 } });
      return doc && Date.parse(doc.expiresAt) > now.getTime() ? doc : null;
    },
    async deleteAccountToken(tokenHash) {
      await c.accountTokens.deleteOne({ _id: tokenHash });
    },
    async useOnce(key, expiresAt, now) {
      const iso = now.toISOString();
      await c.onceKeys.deleteMany({ expiresAt: { $lte: iso } });
      await c.accountTokens.deleteMany({ expiresAt: { $lte: iso } });
      // The unique _id settles concurrent uses, as claims do (deletes and updates are not atomic everywhere).
      try {
        await c.onceKeys.insertOne({ _id: key, expiresAt });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    async getSetting(key) {
      return (await c.settings.findOne({ _id: key }))?.value ?? null;
    },
    async saveSetting(key, value) {
      await c.settings.replaceOne({ _id: key }, { value }, { upsert: true });
    },
  };
}
