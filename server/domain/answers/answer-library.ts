import { z } from 'zod';
import { AnswerContent, AnswerId, compareAnswers, type Answer, type AnswerListing, type AnswerReport } from '../../../shared/answers.js';
import { AgentId, Channel, can, foldText, foldWords, type Agent, type Permission } from '../../../shared/index.js';
import { addDays, localMidnight } from '../reports/period.js';
import { DomainError, parseOrReject } from '../errors.js';
import { ClaimConflictError, type AnswerStore, type Clock } from '../ports.js';
import { answerUsage } from './answer-usage.js';

export interface AnswerLibraryDeps {
  store: AnswerStore;
  clock: Clock;
}

type Viewer = Pick<Agent, 'id' | 'role'>;

/** How far back the library's usage counts look: long enough to tell a used answer from a dead one. */
export const LIBRARY_USAGE_DAYS = 90;

const ListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  theme: z.string().trim().min(1).max(80).optional(),
  language: z.string().trim().min(2).max(35).optional(),
  archived: z.enum(['true', 'false']).optional(),
});

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');
const AnswerReportQuery = z
  .object({ from: Day, to: Day, channel: Channel.optional(), agentId: AgentId.optional() })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] });


/** An edit names the version it was made from: saving over someone else's newer edit is refused. */
export const AnswerEdit = AnswerContent.extend({ baseVersion: z.number().int().positive() });


/**
 * The answer library: supervisors write answers once, everyone reads them. An edit is a new
 * version, never an overwrite, so a sent message's {answerId, version} always points at the text
 * it was written from.
 */
export class AnswerLibrary {
  constructor(private readonly deps: AnswerLibraryDeps) {}

  async list(viewer: Viewer, rawQuery: unknown): Promise<AnswerListing> {
    assertCan(viewer, 'answers:read');
    const query = parseOrReject(ListQuery, rawQuery, 'library search');
    const words = query.q ? foldWords(query.q) : [];
    const [items, all] = await Promise.all([
      this.deps.store.listAnswers({
        words,
        ...(query.theme !== undefined ? { theme: query.theme } : {}),
        ...(query.language !== undefined ? { language: query.language } : {}),
        archived: query.archived === 'true',
      }),
      this.deps.store.listAnswers(),
    ]);
    const now = this.deps.clock.now();
    const since = new Date(now.getTime() - LIBRARY_USAGE_DAYS * 86_400_000).toISOString();
    const uses = await this.deps.store.listAnswerUses({ from: since, to: new Date(now.getTime() + 1).toISOString() });
    const shown = query.language === undefined && words.length > 0 ? withTranslations(items, query.archived === 'true' ? items : all) : items;
    const listed = new Set(shown.map((a) => a.id));
    return {
      items: shown,
      themes: [...new Set(all.map((a) => a.theme))],
      usage: answerUsage(uses.filter((u) => listed.has(u.answerId))),
      usageSince: since,
    };
  }

  /**
   * The reports' view: uses per answer, channel and agent over local days (Europe/Paris), `to`
   * included, optionally on one channel or by one agent. Answers are staff data with no queue, so
   * the figures are the whole service's, for whoever may read reports.
   */
  async report(viewer: Viewer, rawQuery: unknown): Promise<AnswerReport> {
    assertCan(viewer, 'reports:read');
    const query = parseOrReject(AnswerReportQuery, rawQuery, 'report query');
    const uses = await this.deps.store.listAnswerUses({ from: localMidnight(query.from), to: localMidnight(addDays(query.to, 1)) });
    const kept = uses.filter((u) => (query.channel === undefined || u.channel === query.channel) && (query.agentId === undefined || u.agentId === query.agentId));
    const usage = answerUsage(kept);
    const answers = await Promise.all(usage.map((u) => this.deps.store.getAnswer(u.answerId)));
    return {
      from: query.from,
      to: query.to,
      items: usage.map((u, i) => ({ ...u, title: answers[i]?.title ?? u.answerId, theme: answers[i]?.theme ?? '' })),
    };
  }

  async get(viewer: Viewer, id: AnswerId, version?: number): Promise<Answer> {
    assertCan(viewer, 'answers:read');
    const answer = await this.deps.store.getAnswer(id, version);
    if (!answer) throw new DomainError('not_found', version === undefined ? 'no such answer' : `no version ${version} of this answer`);
    return answer;
  }

  async versions(viewer: Viewer, id: AnswerId): Promise<Answer[]> {
    assertCan(viewer, 'answers:read');
    const versions = await this.deps.store.listAnswerVersions(id);
    if (versions.length === 0) throw new DomainError('not_found', 'no such answer');
    return versions;
  }

  async create(viewer: Viewer, body: unknown): Promise<Answer> {
    assertCan(viewer, 'answers:manage');
    const content = parseOrReject(AnswerContent, body, 'answer');
    await this.checkGroup(content.group);
    const answer: Answer = { ...content, id: await this.freshId(content.title), version: 1, at: this.now(), by: viewer.id };
    await this.save(answer);
    return answer;
  }

  async update(viewer: Viewer, id: AnswerId, body: unknown): Promise<Answer> {
    assertCan(viewer, 'answers:manage');
    const { baseVersion, ...content } = parseOrReject(AnswerEdit, body, 'answer');
    const current = await this.deps.store.getAnswer(id);
    if (!current) throw new DomainError('not_found', 'no such answer');
    if (current.version !== baseVersion) throw changedMeanwhile(current.version);
    if (content.group !== undefined && content.group !== id) await this.checkGroup(content.group);
    const answer: Answer = { ...content, id, version: current.version + 1, at: this.now(), by: viewer.id };
    await this.save(answer);
    return answer;
  }

  private async save(answer: Answer): Promise<void> {
    try {
      await this.deps.store.saveAnswerVersion(answer);
    } catch (error) {
      // Two supervisors saved an edit of the same version at once: the second learns it here.
      if (error instanceof ClaimConflictError) throw changedMeanwhile(answer.version);
      throw error;
    }
  }

  private async checkGroup(group: AnswerId | undefined): Promise<void> {
    if (group !== undefined && !(await this.deps.store.getAnswer(group))) {
      throw new DomainError('bad_request', 'the answer this one translates does not exist', [{ path: 'group', message: 'unknown answer' }]);
    }
  }

  /** A readable id from the title ("ans_acte-de-naissance"), with a suffix when it is taken. */
  private async freshId(title: string): Promise<AnswerId> {
    const slug = foldText(title).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48) || 'reponse';
    const base = slug.length >= 4 ? slug : `${slug}-rep`.slice(0, 8);
    for (let n = 1; n < 100; n++) {
      const id = AnswerId.parse(`ans_${n === 1 ? base : `${base}-${n}`}`);
      if (!(await this.deps.store.getAnswer(id))) return id;
    }
    return AnswerId.parse(`ans_${base}-${this.deps.clock.now().getTime().toString(36)}`);
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}

/**
 * A search finds an answer by its words in one language; its versions in the other languages come
 * with it, so the library still shows them side by side.
 */
function withTranslations(found: readonly Answer[], candidates: readonly Answer[]): Answer[] {
  const groups = new Set(found.map((a) => a.group ?? a.id));
  const ids = new Set(found.map((a) => a.id));
  return [...found, ...candidates.filter((a) => !ids.has(a.id) && groups.has(a.group ?? a.id))].sort(compareAnswers);
}

function assertCan(viewer: Viewer, permission: Permission): void {
  if (!can(viewer.role, permission)) throw new DomainError('forbidden', `your role (${viewer.role}) may not ${permission === 'answers:manage' ? 'edit' : 'read'} the answer library`);
}

function changedMeanwhile(version: number): DomainError {
  return new DomainError('conflict', `the answer changed meanwhile (now at version ${version}): reload it`, { reason: 'answer_changed' });
}

