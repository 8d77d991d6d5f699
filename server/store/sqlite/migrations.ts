import type BetterSqlite3 from 'better-sqlite3';

// Ordered schema changes; migration N (1-based) is MIGRATIONS[N - 1]. Never edit a shipped entry:
// append a new one, since files in the field record which versions they already ran.
export const MIGRATIONS: readonly string[] = [
  /* 1: journal, claims, projections, staff directory */ `
  -- The journal is append-only; seq is the INTEGER PRIMARY KEY so it is the rowid and the
  -- commit order (every append is one write transaction, so seqs commit in order).
  CREATE TABLE journal (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    type TEXT NOT NULL,
    citizen_id TEXT NOT NULL,
    conversation_id TEXT,
    queue_id TEXT,
    actor TEXT NOT NULL,
    payload TEXT NOT NULL
  );
  CREATE INDEX journal_citizen ON journal (citizen_id, seq);
  CREATE INDEX journal_conversation ON journal (conversation_id, seq) WHERE conversation_id IS NOT NULL;

  -- Uniqueness gate of the append (identity, provider message id, client retry id). Not a
  -- projection: a claim is committed with its events and is never rebuilt.
  CREATE TABLE claims (
    key TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    seq INTEGER NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE projection_watermarks (
    name TEXT PRIMARY KEY,
    seq INTEGER NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE citizens (
    id TEXT PRIMARY KEY,
    body TEXT NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE identities (
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    citizen_id TEXT NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
    UNIQUE (kind, value)
  );
  CREATE INDEX identities_citizen ON identities (citizen_id);

  -- Filter columns are copies of fields of body (the reducer's output), kept for indexes.
  CREATE TABLE conversations (
    id TEXT PRIMARY KEY,
    citizen_id TEXT NOT NULL,
    queue_id TEXT NOT NULL,
    status TEXT NOT NULL,
    assignee_id TEXT,
    last_activity_at TEXT NOT NULL,
    body TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX conversations_inbox ON conversations (last_activity_at DESC, id DESC);
  CREATE INDEX conversations_queue ON conversations (queue_id, status, last_activity_at DESC, id DESC);
  CREATE INDEX conversations_assignee ON conversations (assignee_id, last_activity_at DESC, id DESC);
  CREATE INDEX conversations_citizen ON conversations (citizen_id, last_activity_at DESC, id DESC);

  -- Keeps a rowid: messages_fts rows share it.
  CREATE TABLE messages (
    id TEXT NOT NULL UNIQUE,
    citizen_id TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    external_id TEXT,
    at TEXT NOT NULL,
    body TEXT NOT NULL
  );
  CREATE INDEX messages_timeline ON messages (citizen_id, at, id);
  CREATE INDEX messages_external ON messages (channel, external_id) WHERE external_id IS NOT NULL;
  CREATE VIRTUAL TABLE messages_fts USING fts5 (
    subject,
    text,
    tokenize = 'unicode61 remove_diacritics 2'
  );

  CREATE TABLE queues (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    body TEXT NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE agents (
    id TEXT PRIMARY KEY,
    email_lower TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    body TEXT NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    agent_id TEXT NOT NULL,
    expires_at TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX sessions_agent ON sessions (agent_id);
  `,
  // 2: the outbox of replies waiting for their channel; rows follow the journal, the retry
  // columns are bookkeeping. The outbox projection starts at watermark 0 and catches up at open.
  `
  CREATE TABLE outbox (
    message_id TEXT PRIMARY KEY,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT,
    lease_until TEXT
  ) WITHOUT ROWID;
  CREATE INDEX outbox_due ON outbox (next_attempt_at);
  `,
  // 3: training material — annotations pinned on replays, courses and who they are assigned to.
  // Staff data like the directory: not projections, so rebuilds leave them alone.
  `
  CREATE TABLE annotations (
    id TEXT PRIMARY KEY,
    replay_kind TEXT NOT NULL,
    replay_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    body TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX annotations_replay ON annotations (replay_kind, replay_id, seq, created_at, id);

  CREATE TABLE courses (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    body TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE course_trainees (
    course_id TEXT NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    trainee_id TEXT NOT NULL,
    PRIMARY KEY (course_id, trainee_id)
  ) WITHOUT ROWID;
  CREATE INDEX course_trainees_trainee ON course_trainees (trainee_id, course_id);
  `,
  // 4: the reporting projection, one row per conversation (server/domain/reports/report-row.ts).
  // Plain columns rather than a JSON body: a report scans 100k rows and must not parse them.
  `
  -- Keyed by (opened_at, conversation_id) so a period is one sequential range of the table, not
  -- 100k index-to-row lookups; opened_at never changes once the row exists.
  CREATE TABLE report_rows (
    conversation_id TEXT NOT NULL,
    citizen_id TEXT NOT NULL,
    queue_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    assignee_id TEXT,
    opened_at TEXT NOT NULL,
    first_response_at TEXT,
    resolved_at TEXT,
    first_response_minutes REAL,
    resolution_minutes REAL,
    channel_switches INTEGER NOT NULL,
    last_channel TEXT NOT NULL,
    chat_abandoned INTEGER NOT NULL,
    missed_call_pending INTEGER NOT NULL,
    survey_sent INTEGER NOT NULL,
    survey_score INTEGER,
    last_seq INTEGER NOT NULL,
    PRIMARY KEY (opened_at, conversation_id)
  ) WITHOUT ROWID;
  CREATE UNIQUE INDEX report_rows_conversation ON report_rows (conversation_id);
  `,
  // 5: staff events (agent.state-changed) concern no citizen, so journal.citizen_id becomes nullable.
  // SQLite cannot drop NOT NULL in place: the table is rebuilt keeping every seq (the rowid is the
  // seq, so order survives) and its indexes recreated. Runs inside migrate()'s one transaction.
  `
  CREATE TABLE journal_nullable_citizen (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    type TEXT NOT NULL,
    citizen_id TEXT,
    conversation_id TEXT,
    queue_id TEXT,
    actor TEXT NOT NULL,
    payload TEXT NOT NULL
  );
  INSERT INTO journal_nullable_citizen (seq, at, type, citizen_id, conversation_id, queue_id, actor, payload)
    SELECT seq, at, type, citizen_id, conversation_id, queue_id, actor, payload FROM journal ORDER BY seq;
  DROP TABLE journal;
  ALTER TABLE journal_nullable_citizen RENAME TO journal;
  CREATE INDEX journal_citizen ON journal (citizen_id, seq) WHERE citizen_id IS NOT NULL;
  CREATE INDEX journal_conversation ON journal (conversation_id, seq) WHERE conversation_id IS NOT NULL;
  `,
  // 6: agents' routing status (shared/agent-status.ts), a projection: starts at watermark 0 and
  // catches up at open like the others.
  `
  CREATE TABLE agent_statuses (
    agent_id TEXT PRIMARY KEY,
    body TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
  // 7: report rows learn their calendar, due times and breaches (sla.set / sla.breached). Rows
  // folded before could not see them: the projection is emptied and refolded at open from
  // watermark 0, like a new projection.
  `
  ALTER TABLE report_rows ADD COLUMN calendar_id TEXT;
  ALTER TABLE report_rows ADD COLUMN first_response_due_at TEXT;
  ALTER TABLE report_rows ADD COLUMN resolution_due_at TEXT;
  ALTER TABLE report_rows ADD COLUMN first_response_breached INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE report_rows ADD COLUMN resolution_breached INTEGER NOT NULL DEFAULT 0;
  DELETE FROM report_rows;
  DELETE FROM projection_watermarks WHERE name = 'reports';
  `,
  // 8: conversations by status in inbox order: the routing rounds read every open conversation
  // each second, and walking the whole history's inbox index to find them grew with the history.
  `
  CREATE INDEX conversations_status ON conversations (status, last_activity_at DESC, id DESC);
  `,
  // 9: provider reports held until what they are about is filed (Store.holdEarlyReport).
  `
  CREATE TABLE early_reports (
    key TEXT NOT NULL,
    body TEXT NOT NULL,
    held_at TEXT NOT NULL,
    PRIMARY KEY (key, body)
  ) WITHOUT ROWID;
  CREATE INDEX early_reports_age ON early_reports (held_at);
  `,
  // 10: staff accounts' one-time links and challenges, single-use keys, deployment settings.
  `
  CREATE TABLE account_tokens (
    token_hash TEXT PRIMARY KEY,
    agent_id TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    body TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX account_tokens_expiry ON account_tokens (expires_at);
  CREATE TABLE once_keys (
    key TEXT PRIMARY KEY,
    expires_at TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX once_keys_expiry ON once_keys (expires_at);
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    body TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
  // 11: a channel's latest message, for the channels page, without walking the whole history.
  `
  CREATE INDEX messages_channel ON messages (channel, at);
  `,
  // 12: the search box finds citizens by the words of their name (folded, by prefix). Filled by
  // the citizenWords projection, which catches up from 0 at open like any new projection.
  `
  CREATE TABLE citizen_words (
    word TEXT NOT NULL,
    citizen_id TEXT NOT NULL,
    PRIMARY KEY (word, citizen_id)
  ) WITHOUT ROWID;
  CREATE INDEX citizen_words_citizen ON citizen_words (citizen_id);
  `,
  // 13: a conversation's messages, which a merge or unmerge moves to the other record together.
  `
  CREATE INDEX messages_conversation ON messages (conversation_id);
  `,
  // 14: the answer library. Every version is kept (answer_versions); \`answers\` holds each
  // answer's current version with its folded words (' w1 w2 … ', for prefix search by LIKE).
  `
  CREATE TABLE answer_versions (
    id TEXT NOT NULL,
    version INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (id, version)
  ) WITHOUT ROWID;
  CREATE TABLE answers (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    theme TEXT NOT NULL,
    language TEXT NOT NULL,
    archived INTEGER NOT NULL,
    words TEXT NOT NULL,
    body TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
];

/** Applies every migration the file has not run yet, all in one transaction. Returns the schema version. */
export function migrate(db: BetterSqlite3.Database, migrations: readonly string[] = MIGRATIONS): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    applied_at TEXT NOT NULL
  )`);
  const run = db.transaction(() => {
    const row = db.prepare<[], { v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations').get();
    const current = row?.v ?? 0;
    if (current > migrations.length) {
      // A newer build migrated this file; running old code on it could corrupt projections.
      throw new Error(`database schema v${current} is newer than this build (v${migrations.length})`);
    }
    const record = db.prepare<[number, string]>('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)');
    for (let version = current + 1; version <= migrations.length; version++) {
      db.exec(migrations[version - 1]!);
      record.run(version, new Date().toISOString());
    }
    return migrations.length;
  });
  // IMMEDIATE: two processes opening a fresh file at once must not both run migration 1.
  return run.immediate();
}
