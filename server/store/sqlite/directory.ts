import type BetterSqlite3 from 'better-sqlite3';
import type { AgentId, Queue } from '../../../shared/index.js';
import type { Session, StoredAgent } from '../../domain/ports.js';

// Staff directory and sessions: configuration written directly, not derived from the journal,
// so rebuildProjections leaves these tables alone.

type Body = { body: string };

export interface Directory {
  saveQueue(queue: Queue): void;
  listQueues(): Queue[];
  saveAgent(agent: StoredAgent): void;
  getAgent(id: AgentId): StoredAgent | null;
  findAgentByEmail(email: string): StoredAgent | null;
  listAgents(): StoredAgent[];
  saveSession(session: Session): void;
  getSession(tokenHash: string, now: Date): Session | null;
  deleteSession(tokenHash: string): void;
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

  const agentOf = (row: Body | undefined): StoredAgent | null => (row ? (JSON.parse(row.body) as StoredAgent) : null);

  return {
    saveQueue(queue) {
      putQueue.run(queue.id, queue.name, JSON.stringify(queue));
    },
    listQueues: () => queues.all().map((r) => JSON.parse(r.body) as Queue),
    saveAgent(a) {
      putAgent.run(a.id, a.email.trim().toLowerCase(), a.displayName, JSON.stringify(a));
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
  };
}
