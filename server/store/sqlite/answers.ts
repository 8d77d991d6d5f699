import type BetterSqlite3 from 'better-sqlite3';
import { answerWords, compareAnswers, type Answer, type AnswerId } from '../../../shared/answers.js';
import type { AgentId, Channel } from '../../../shared/index.js';
import { ClaimConflictError, type AnswerQuery, type AnswerUseRow } from '../../domain/ports.js';

// The answer library: staff data written directly, never rebuilt from the journal. A version's
// primary key (id, version) is the guard against two supervisors saving the same edit: the second
// insert fails and the caller reloads.

type Body = { body: string };

export interface Answers {
  saveAnswerVersion(answer: Answer): void;
  getAnswer(id: AnswerId, version?: number): Answer | null;
  listAnswers(query: AnswerQuery): Answer[];
  listAnswerVersions(id: AnswerId): Answer[];
  listAnswerUses(range: { from: string; to: string }): AnswerUseRow[];
}

interface UseRow {
  answer_id: string;
  version: number;
  channel: string;
  agent_id: string | null;
  at: string;
}

export function answers(db: BetterSqlite3.Database): Answers {
  const insertVersion = db.prepare<[string, number, string]>(
    'INSERT INTO answer_versions (id, version, body) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const currentVersion = db.prepare<[string], { version: number }>('SELECT version FROM answers WHERE id = ?');
  const putCurrent = db.prepare<[string, number, string, string, number, string, string]>(
    `INSERT INTO answers (id, version, theme, language, archived, words, body) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET version = excluded.version, theme = excluded.theme, language = excluded.language,
       archived = excluded.archived, words = excluded.words, body = excluded.body`,
  );
  const current = db.prepare<[string], Body>('SELECT body FROM answers WHERE id = ?');
  const oneVersion = db.prepare<[string, number], Body>('SELECT body FROM answer_versions WHERE id = ? AND version = ?');
  const versions = db.prepare<[string], Body>('SELECT body FROM answer_versions WHERE id = ? ORDER BY version DESC');

  // The WHERE repeats the partial index's condition word for word, so SQLite uses messages_answer.
  const uses = db.prepare<[string, string], UseRow>(
    `SELECT json_extract(body, '$.answer.answerId') AS answer_id, json_extract(body, '$.answer.version') AS version, channel,
       CASE json_extract(body, '$.author.kind') WHEN 'agent' THEN json_extract(body, '$.author.id') END AS agent_id, at
     FROM messages WHERE json_extract(body, '$.answer.answerId') IS NOT NULL AND at >= ? AND at < ? ORDER BY at, id`,
  );

  const save = db.transaction((a: Answer) => {
    const now = currentVersion.get(a.id)?.version ?? 0;
    if (a.version <= now) throw new ClaimConflictError(`answer:${a.id}:${a.version}`);
    if (a.version !== now + 1) throw new Error(`answer ${a.id}: version ${a.version} after ${now}`);
    const body = JSON.stringify(a);
    if (insertVersion.run(a.id, a.version, body).changes === 0) throw new ClaimConflictError(`answer:${a.id}:${a.version}`);
    putCurrent.run(a.id, a.version, a.theme, a.language, a.archived ? 1 : 0, ` ${answerWords(a).join(' ')} `, body);
  });

  const parse = (row: Body | undefined): Answer | null => (row ? (JSON.parse(row.body) as Answer) : null);

  return {
    saveAnswerVersion(a) {
      save.immediate(a);
    },
    getAnswer: (id, version) => parse(version === undefined ? current.get(id) : oneVersion.get(id, version)),
    listAnswers(query) {
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (!query.archived) where.push('archived = 0');
      if (query.theme !== undefined) {
        where.push('theme = ?');
        params.push(query.theme);
      }
      if (query.language !== undefined) {
        where.push('language = ?');
        params.push(query.language);
      }
      // Folded words hold only letters and digits (shared/search.ts), so they carry no LIKE wildcard.
      for (const word of query.words ?? []) {
        where.push('words LIKE ?');
        params.push(`% ${word}%`);
      }
      const sql = `SELECT body FROM answers${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}`;
      return db
        .prepare<(string | number)[], Body>(sql)
        .all(...params)
        .map((r) => JSON.parse(r.body) as Answer)
        .sort(compareAnswers);
    },
    listAnswerVersions: (id) => versions.all(id).map((r) => JSON.parse(r.body) as Answer),
    listAnswerUses: (range) =>
      uses.all(range.from, range.to).map((r) => ({
        answerId: r.answer_id as AnswerId,
        version: r.version,
        channel: r.channel as Channel,
        agentId: r.agent_id as AgentId | null,
        at: r.at,
      })),
  };
}
