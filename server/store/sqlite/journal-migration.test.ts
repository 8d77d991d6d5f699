import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { journalTable } from './journal.js';
import { migrate, MIGRATIONS } from './migrations.js';

// The migration that makes journal.citizen_id nullable (staff events) rebuilds the table: a file
// written before it must keep every event, seq and index.
describe('journal migration for staff events', () => {
  it('keeps existing events and their seqs, then accepts events without a citizen', () => {
    const at = MIGRATIONS.findIndex((m) => m.includes('journal_nullable_citizen'));
    expect(at).toBeGreaterThan(0);
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, at));
    db.prepare(
      `INSERT INTO journal (seq, at, type, citizen_id, conversation_id, queue_id, actor, payload)
       VALUES (7, '2025-01-01T00:00:00Z', 'citizen.created', 'cit_1', NULL, NULL, '{"kind":"system"}', '{"displayName":"A","identities":[]}')`,
    ).run();
    migrate(db);
    const journal = journalTable(db);
    expect(journal.readAfter(0, 10)).toEqual([
      { seq: 7, at: '2025-01-01T00:00:00Z', type: 'citizen.created', citizenId: 'cit_1', actor: { kind: 'system' }, payload: { displayName: 'A', identities: [] } },
    ]);
    db.prepare(
      `INSERT INTO journal (seq, at, type, citizen_id, conversation_id, queue_id, actor, payload)
       VALUES (8, '2025-01-01T00:00:01Z', 'agent.state-changed', NULL, NULL, NULL, '{"kind":"agent"}', '{}')`,
    ).run();
    expect(journal.head()).toBe(8);
    expect(journal.readAfter(7, 10)[0]).not.toHaveProperty('citizenId');
    const indexes = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'journal'").all();
    expect(indexes.map((i) => i.name).sort()).toEqual(['journal_citizen', 'journal_conversation']);
    db.close();
  });
});
