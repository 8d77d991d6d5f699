import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationId } from '../../shared/index.js';
import { sanitizeEmailHtml } from '../content/sanitize-html.js';
import type { Store } from '../domain/ports.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { DEMO_AGENTS } from './demo-directory.js';
import { seedDemo } from './seed-demo.js';

let dir: string;
let store: Store;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'guichet-course-'));
  store = await openSqliteStore({ file: path.join(dir, 'guichet.sqlite') });
  await seedDemo({ store, sanitizeHtml: sanitizeEmailHtml, log: () => {}, password: 'demo-password-123', now: new Date('2025-11-04T10:00:00Z') });
}, 60_000);

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the demo course', () => {
  it('gives the demo trainee multi-channel conversations to replay, annotated by the demo trainer', async () => {
    expect(await store.findAgentByEmail('stagiaire@mairie.example')).toMatchObject({ role: 'trainee', id: DEMO_AGENTS.maeva.id });
    const [course, ...others] = await store.listCourses({ traineeId: DEMO_AGENTS.maeva.id });
    expect(others).toEqual([]);
    expect(course).toMatchObject({ createdBy: DEMO_AGENTS.julien.id, traineeIds: [DEMO_AGENTS.maeva.id] });
    const conversations = course!.items.filter((i) => i.replay.kind === 'conversation');
    expect(conversations).toHaveLength(3);
    expect(course!.items.some((i) => i.replay.kind === 'citizen')).toBe(true);
    for (const item of conversations) {
      const conversation = await store.getConversation(item.replay.id as ConversationId);
      expect(conversation!.channels.length).toBeGreaterThanOrEqual(2);
      expect(conversation!.status).toBe('resolved');
      // Labels are written for the course: no citizen name in them.
      expect(item.label).not.toContain(conversation!.citizenName.split(' ')[0]);
    }
    const annotations = await store.listAnnotations(conversations[0]!.replay);
    expect(annotations.length).toBeGreaterThan(0);
    const slice = await store.readJournalSlice({ conversationId: conversations[0]!.replay.id as ConversationId, afterSeq: 0, limit: 1000 });
    for (const a of annotations) expect(slice.some((e) => e.seq === a.seq && e.at === a.at)).toBe(true);
  });
});
