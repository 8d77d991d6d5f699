import type BetterSqlite3 from 'better-sqlite3';
import { EARLY_REPORT_TTL_MS } from '../../domain/ports.js';

// Provider reports held until what they are about is filed: bookkeeping of the channels, not
// journal-sourced, kept by rebuilds.

export interface EarlyReports {
  hold(key: string, body: string, at: string): void;
  list(key: string): string[];
  release(key: string): void;
}

export function earlyReportsTable(db: BetterSqlite3.Database): EarlyReports {
  const insert = db.prepare<[string, string, string]>('INSERT INTO early_reports (key, body, held_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
  const prune = db.prepare<[string]>('DELETE FROM early_reports WHERE held_at < ?');
  const of = db.prepare<[string], { body: string }>('SELECT body FROM early_reports WHERE key = ? ORDER BY held_at, body');
  const drop = db.prepare<[string]>('DELETE FROM early_reports WHERE key = ?');
  return {
    hold(key, body, at) {
      db.transaction(() => {
        prune.run(new Date(Date.parse(at) - EARLY_REPORT_TTL_MS).toISOString());
        insert.run(key, body, at);
      })();
    },
    list: (key) => of.all(key).map((r) => r.body),
    release: (key) => {
      drop.run(key);
    },
  };
}
