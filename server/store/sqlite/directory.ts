import type BetterSqlite3 from 'better-sqlite3';
import type { AgentId, Queue } from '../../../shared/index.js';
import type { AccountToken, Session, StoredAgent } from '../../domain/ports.js';

// Staff directory and sessions: configuration written directly, not derived from the journal,
// so rebuildProjections leaves these tables alone.

type Body = { body: string };

export interface Directory {
  saveQueue(queue: Queue): void;
  listQueues(): Queue[];
  saveAgent(agent: StoredAgent): void;
  patchAgent(id: AgentId, fields: Partial<StoredAgent>): boolean;
  getAgent(id: AgentId): StoredAgent | null;
  findAgentByEmail(email: string): StoredAgent | null;
  listAgents(): StoredAgent[];
  saveSession(session: Session): void;
  getSession(tokenHash: string, now: Date): Session | null;
  deleteSession(tokenHash: string): void;
  deleteSessionsOf(agentId: AgentId): number;
  saveAccountToken(token: AccountToken): void;
  getAccountToken(tokenHash: string, now: Date): AccountToken | null;
  deleteAccountToken(tokenHash: string): void;
  useOnce(key: string, expiresAt: string, now: Date): boolean;
  getSetting(key: string): unknown;
  saveSetting(key: string, value: unknown): void;
}

export function directory(db: BetterSqlite3.Database): Directory {
  const putQueue = db.prepare<[string, string, string]>(
    'INSERT INTO queues (id, name, body) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, body = excluded.body',
  );
  const queues = db.prepare<[], Body>('SELECT body FROM queues ORDER BY name, id');
  // Email is matched case-insensitively (people type it as they like at login); UNIQUE on the
  // lower-cased copy keeps one account per address.
  const putAgent = db.prepare<[string, string, string, string]>(
    `INSERT INTO agents (id, email_lower, display_name, body) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET email_lower = excluded.email_lower, display_name = excluded.display_name, body = excluded.body`,
  );
  const agent = db.prepare<[string], Body>('SELECT body FROM agents WHERE id = ?');
  // json_patch (RFC 7396) in the UPDATE itself: one statement, so no change made meanwhile is lost;
  // a null member removes the field.
  const patchBody = db.prepare<[string, string | null, string]>(
    'UPDATE agents SET body = json_patch(body, ?), display_name = COALESCE(?, display_name) WHERE id = ?',
  );
  const agentByEmail = db.prepare<[string], Body>('SELECT body FROM agents WHERE email_lower = ?');
  const agents = db.prepare<[], Body>('SELECT body FROM agents ORDER BY display_name, id');
  const putSession = db.prepare<[string, string, string]>(
    `INSERT INTO sessions (token_hash, agent_id, expires_at) VALUES (?, ?, ?)
     ON CONFLICT (token_hash) DO UPDATE SET agent_id = excluded.agent_id, expires_at = excluded.expires_at`,
  );
  const session = db.prepare<[string], { token_hash: string; agent_id: string; expires_at: string }>(
    'SELECT token_hash, agent_id, expires_at FROM sessions WHERE token_hash = ?',
  );
  const dropSession = db.prepare<[string]>('DELETE FROM sessions WHERE token_hash = ?');
  const dropSessionsOf = db.prepare<[string]>('DELETE FROM sessions WHERE agent_id = ?');
  const putToken = db.prepare<[string, string, string, string]>(
    'INSERT INTO account_tokens (token_hash, agent_id, expires_at, body) VALUES (?, ?, ?, ?) ON CONFLICT (token_hash) DO UPDATE SET body = excluded.body, expires_at = excluded.expires_at',
  );
  const token = db.prepare<[string], Body & { expires_at: string }>('SELECT body, expires_at FROM account_tokens WHERE token_hash = ?');
  const dropToken = db.prepare<[string]>('DELETE FROM account_tokens WHERE token_hash = ?');
  const pruneTokens = db.prepare<[string]>('DELETE FROM account_tokens WHERE expires_at <= ?');
  const pruneOnce = db.prepare<[string]>('DELETE FROM once_keys WHERE expires_at <= ?');
  const once = db.prepare<[string, string]>('INSERT INTO once_keys (key, expires_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING');
  const setting = db.prepare<[string], Body>('SELECT body FROM settings WHERE key = ?');
  const putSetting = db.prepare<[string, string]>('INSERT INTO settings (key, body) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET body = excluded.body');

  const agentOf = (row: Body | undefined): StoredAgent | null => (row ? (JSON.parse(row.body) as StoredAgent) : null);

  return {
    saveQueue(queue) {
      putQueue.run(queue.id, queue.name, JSON.stringify(queue));
    },
    listQueues: () => queues.all().map((r) => JSON.parse(r.body) as Queue),
    saveAgent(a) {
      putAgent.run(a.id, a.email.trim().toLowerCase(), a.displayName, JSON.stringify(a));
    },
    patchAgent(id, fields) {
      const patch = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v === undefined ? null : v]));
      return patchBody.run(JSON.stringify(patch), fields.displayName ?? null, id).changes === 1;
    },
    getAgent: (id) => agentOf(agent.get(id)),
    findAgentByEmail: (email) => agentOf(agentByEmail.get(email.trim().toLowerCase())),
    listAgents: () => agents.all().map((r) => JSON.parse(r.body) as StoredAgent),
    saveSession(s) {
      putSession.run(s.tokenHash, s.agentId, s.expiresAt);
    },
    getSession(tokenHash, now) {
      const row = session.get(tokenHash);
      if (!row) return null;
      // Compared as instants, not strings: callers may write expiresAt with any ISO offset.
      const expires = Date.parse(row.expires_at);
      if (!(expires > now.getTime())) {
        dropSession.run(tokenHash);
        return null;
      }
      return { tokenHash: row.token_hash, agentId: row.agent_id as AgentId, expiresAt: row.expires_at };
    },
    deleteSession(tokenHash) {
      dropSession.run(tokenHash);
    },
    deleteSessionsOf: (agentId) => dropSessionsOf.run(agentId).changes,
    saveAccountToken(t) {
      putToken.run(t.tokenHash, t.agentId, t.expiresAt, JSON.stringify(t));
    },
    getAccountToken(tokenHash, now) {
      const row = token.get(tokenHash);
      if (!row || !(Date.parse(row.expires_at) > now.getTime())) return null;
      return JSON.parse(row.body) as AccountToken;
    },
    deleteAccountToken(tokenHash) {
      dropToken.run(tokenHash);
    },
    useOnce(key, expiresAt, now) {
      const iso = now.toISOString();
      pruneOnce.run(iso);
      pruneTokens.run(iso);
      return once.run(key, expiresAt).changes === 1;
    },
    getSetting: (key) => {
      const row = setting.get(key);
      return row ? (JSON.parse(row.body) as unknown) : null;
    },
    saveSetting(key, value) {
      putSetting.run(key, JSON.stringify(value));
    },
  };
}
