import { answerWords, compareAnswers, type Answer, type AnswerId } from '../../../shared/answers.js';
import type { AgentId } from '../../../shared/index.js';
import { ClaimConflictError, type AnswerQuery, type AnswerUseRow } from '../../domain/ports.js';
import { insertIgnoringDuplicates, isDuplicateKey } from './mongo-errors.js';
import type { AnswerDoc, Collections, MessageDoc } from './models.js';

// The answer library: staff data written directly, never rebuilt from the journal. The version
// document's key ("<id>:<version>") is the guard against two supervisors saving the same edit.
// The versions are the truth; `answers` holds each answer's current version for listing, written
// after its version: a crash in between leaves the listing one version behind until the next
// save, while getAnswer (read from the versions) is already right.

export interface Answers {
  saveAnswerVersion(answer: Answer): Promise<void>;
  getAnswer(id: AnswerId, version?: number): Promise<Answer | null>;
  listAnswers(query: AnswerQuery): Promise<Answer[]>;
  listAnswerVersions(id: AnswerId): Promise<Answer[]>;
  listAnswerUses(range: { from: string; to: string }): Promise<AnswerUseRow[]>;
}

const HIDE = { projection: { _id: 0 } } as const;
const HIDE_LISTING = { projection: { _id: 0, words: 0 } } as const;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function answers(c: Collections): Answers {
  const latest = (id: AnswerId) => c.answerVersions.find<Answer>({ id }, HIDE).sort({ version: -1 }).limit(1).next();

  return {
    async saveAnswerVersion(a) {
      const now = (await latest(a.id))?.version ?? 0;
      if (a.version <= now) throw new ClaimConflictError(`answer:${a.id}:${a.version}`);
      if (a.version !== now + 1) throw new Error(`answer ${a.id}: version ${a.version} after ${now}`);
      try {
        await c.answerVersions.insertOne({ ...a, _id: `${a.id}:${a.version}` });
      } catch (error) {
        if (isDuplicateKey(error)) throw new ClaimConflictError(`answer:${a.id}:${a.version}`);
        throw error;
      }
      const doc: AnswerDoc = { ...a, _id: a.id, words: answerWords(a) };
      // Only ever forward: a slow writer of an older version cannot put it back over a newer one
      // (its upsert then collides with the newer document's key, which is the outcome we want).
      await insertIgnoringDuplicates(() => c.answers.replaceOne({ _id: a.id, version: { $lt: a.version } }, doc, { upsert: true }));
    },
    getAnswer: (id, version) =>
      version === undefined ? latest(id) : c.answerVersions.findOne<Answer>({ _id: `${id}:${version}` }, HIDE),
    async listAnswers(query) {
      const filter: Record<string, unknown> = {};
      if (!query.archived) filter.archived = false;
      if (query.theme !== undefined) filter.theme = query.theme;
      if (query.language !== undefined) filter.language = query.language;
      const words = query.words ?? [];
      if (words.length > 0) filter.$and = words.map((w) => ({ words: { $regex: `^${escapeRegex(w)}` } }));
      const found = await c.answers.find<Answer>(filter, HIDE_LISTING).toArray();
      return found.sort(compareAnswers);
    },
    listAnswerVersions: (id) => c.answerVersions.find<Answer>({ id }, HIDE).sort({ version: -1 }).toArray(),
    async listAnswerUses(range) {
      const found = await c.messages
        .find<Pick<MessageDoc, '_id' | 'answer' | 'channel' | 'author' | 'at'>>(
          { 'answer.answerId': { $exists: true }, at: { $gte: range.from, $lt: range.to } },
          { projection: { _id: 1, answer: 1, channel: 1, author: 1, at: 1 } },
        )
        .sort({ at: 1, _id: 1 })
        .toArray();
      return found.flatMap((m) =>
        m.answer
          ? [{ answerId: m.answer.answerId, version: m.answer.version, channel: m.channel, agentId: m.author.kind === 'agent' ? ((m.author.id ?? null) as AgentId | null) : null, at: m.at }]
          : [],
      );
    },
  };
}
