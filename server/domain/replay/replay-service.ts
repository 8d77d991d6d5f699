import {
  AnnotationPatch,
  NewAnnotation,
  ReplayListQuery,
  UnmaskRequest,
  can,
  newId,
  type Agent,
  type Annotation,
  type AnnotationId,
  type Conversation,
  type ConversationId,
  type ReplayData,
  type ReplayListQuery as ReplayListQueryInput,
  type ReplayPage,
  type ReplayRef,
  type ReplaySummary,
} from '../../../shared/index.js';
import { DomainError, parseOrReject as parse } from '../errors.js';
import { foldKey } from '../masking/fold.js';
import type { Masker } from '../masking/masker.js';
import type { Clock, EventBus, Store } from '../ports.js';
import { assertCan, assertCanOpenReplay } from './replay-access.js';
import { buildReplay } from './replay-builder.js';
import { sourceMasker } from './replay-masking.js';
import { loadReplaySource } from './replay-slice.js';
import { commit } from '../commit.js';

export interface ReplayDeps {
  store: Store;
  bus: EventBus;
  clock: Clock;
  /** Keys the pseudonyms: the same secret on every instance, or reloads would disagree. */
  maskSecret: string;
}

type Viewer = Pick<Agent, 'id' | 'role' | 'displayName'>;

/** The trainer's replay: open masked, unmask (journaled), list what can be replayed, annotate. */
export class ReplayService {
  constructor(private readonly deps: ReplayDeps) {}

  private async staffNames(): Promise<string[]> {
    return (await this.deps.store.listAgents()).map((a) => a.displayName);
  }

  /** The replay, masked. Trainees reach only the replays of their courses. */
  async open(viewer: Viewer, ref: ReplayRef): Promise<ReplayData> {
    await assertCanOpenReplay(viewer, ref, this.deps.store);
    const [source, annotations, staffNames] = await Promise.all([
      loadReplaySource(this.deps.store, ref),
      this.deps.store.listAnnotations(ref),
      this.staffNames(),
    ]);
    return buildReplay({ ref, source, annotations, mask: { secret: this.deps.maskSecret, staffNames } });
  }

  /**
   * The replay with the real data. The audit event is committed before anything is disclosed:
   * if the journal cannot take it, nothing is shown.
   */
  async unmask(viewer: Viewer, ref: ReplayRef, body: unknown): Promise<ReplayData> {
    assertCan(viewer, 'replay:unmask');
    const { reason } = parse(UnmaskRequest, body ?? {}, 'unmask request');
    const [source, annotations] = await Promise.all([loadReplaySource(this.deps.store, ref), this.deps.store.listAnnotations(ref)]);
    await commit(this.deps, [
      {
        type: 'replay.unmasked',
        at: this.deps.clock.now().toISOString(),
        actor: { kind: 'agent', id: viewer.id, name: viewer.displayName },
        citizenId: source.citizen.id,
        ...(ref.kind === 'conversation' ? { conversationId: ref.id as ConversationId } : {}),
        payload: { scope: ref.kind, ...(reason ? { reason } : {}) },
      },
    ]);
    return buildReplay({ ref, source, annotations, mask: null });
  }

  /**
   * Conversations to pick from, newest activity first, masked. A text search only keeps
   * conversations where the words are still visible once masked: searching a citizen's name
   * must not reveal which conversations are theirs.
   */
  async list(viewer: Viewer, raw: ReplayListQueryInput | unknown): Promise<ReplayPage> {
    assertCan(viewer, 'replay:read');
    const query = parse(ReplayListQuery, raw, 'replay list query');
    const staffNames = await this.staffNames();
    if (query.q === undefined) {
      const page = await this.deps.store.listConversations({
        ...(query.channel ? { channel: query.channel } : {}),
        ...(query.queueId ? { queueId: query.queueId } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.cursor ? { cursor: query.cursor } : {}),
        limit: query.limit,
      });
      const items = await Promise.all(page.items.map(async (c) => this.summary(c, await this.maskerOf(c, staffNames))));
      return { items, nextCursor: page.nextCursor };
    }
    const words = query.q.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0).map(foldKey);
    const found = await this.deps.store.searchMessages(query.q, 200);
    const items: ReplaySummary[] = [];
    const seen = new Set<string>();
    for (const message of found) {
      if (items.length >= query.limit) break;
      if (seen.has(message.conversationId)) continue;
      const conversation = await this.deps.store.getConversation(message.conversationId);
      if (!conversation) continue;
      if (query.channel && !conversation.channels.includes(query.channel)) continue;
      if (query.queueId && conversation.queueId !== query.queueId) continue;
      if (query.status && conversation.status !== query.status) continue;
      const masker = await this.maskerOf(conversation, staffNames);
      if (!masker) continue;
      const visible = foldKey(`${masker.text(message.subject ?? '')} ${masker.text(message.text)}`);
      if (!words.every((w) => visible.includes(w))) continue;
      seen.add(message.conversationId);
      items.push(this.summary(conversation, masker));
    }
    return { items, nextCursor: null };
  }

  /** The masker the conversation's replay would use, so the picker shows what the player will. */
  private async maskerOf(conversation: Conversation, staffNames: readonly string[]) {
    if (!(await this.deps.store.getCitizen(conversation.citizenId))) return null;
    const ref = { kind: 'conversation', id: conversation.id } as const;
    return sourceMasker(this.deps.maskSecret, ref, await loadReplaySource(this.deps.store, ref), staffNames);
  }

  private summary(conversation: Conversation, masker: Masker | null): ReplaySummary {
    return {
      conversationId: conversation.id,
      citizenId: conversation.citizenId,
      citizenLabel: masker ? masker.citizenLabel(conversation.citizenId) : 'Citoyen A',
      subject: conversation.subject === undefined ? null : masker ? masker.text(conversation.subject) : null,
      preview: masker ? masker.text(conversation.preview) : '',
      channels: conversation.channels,
      status: conversation.status,
      queueId: conversation.queueId,
      openedAt: conversation.openedAt,
      lastActivityAt: conversation.lastActivityAt,
      messageCount: conversation.messageCount,
    };
  }

  async addAnnotation(viewer: Viewer, ref: ReplayRef, body: unknown): Promise<Annotation> {
    assertCan(viewer, 'replay:annotate');
    await assertCanOpenReplay(viewer, ref, this.deps.store);
    const input = parse(NewAnnotation, body, 'annotation');
    const source = await loadReplaySource(this.deps.store, ref);
    // Pinned on an event of this replay (or before its first one, seq 0).
    if (input.seq !== 0 && !source.events.some((e) => e.seq === input.seq)) {
      throw new DomainError('bad_request', 'seq is not an event of this replay');
    }
    const now = this.deps.clock.now().toISOString();
    const annotation: Annotation = {
      id: newId<AnnotationId>('ann', this.deps.clock.now().getTime()),
      replay: ref,
      seq: input.seq,
      at: new Date(input.at).toISOString(),
      text: input.text,
      authorId: viewer.id,
      authorName: viewer.displayName,
      createdAt: now,
      updatedAt: now,
    };
    await this.deps.store.saveAnnotation(annotation);
    return annotation;
  }

  /** Authors edit and delete their own annotations; admins anybody's. */
  private async ownAnnotation(viewer: Viewer, id: AnnotationId): Promise<Annotation> {
    assertCan(viewer, 'replay:annotate');
    const annotation = await this.deps.store.getAnnotation(id);
    if (!annotation) throw new DomainError('not_found', 'no such annotation');
    if (annotation.authorId !== viewer.id && viewer.role !== 'admin') {
      throw new DomainError('forbidden', 'only its author or an admin may change an annotation', { reason: 'annotation_not_author' });
    }
    return annotation;
  }

  async updateAnnotation(viewer: Viewer, id: AnnotationId, body: unknown): Promise<Annotation> {
    const annotation = await this.ownAnnotation(viewer, id);
    const { text } = parse(AnnotationPatch, body, 'annotation');
    const updated = { ...annotation, text, updatedAt: this.deps.clock.now().toISOString() };
    await this.deps.store.saveAnnotation(updated);
    return updated;
  }

  async deleteAnnotation(viewer: Viewer, id: AnnotationId): Promise<void> {
    await this.ownAnnotation(viewer, id);
    await this.deps.store.deleteAnnotation(id);
  }

  canUnmask(viewer: Viewer): boolean {
    return can(viewer.role, 'replay:unmask');
  }
}
