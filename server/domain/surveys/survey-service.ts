import { randomUUID } from 'node:crypto';
import {
  newId,
  type Channel,
  type Conversation,
  type ConversationId,
  type JournalEvent,
  type Message,
  type MessageId,
  type NewJournalEvent,
} from '../../../shared/index.js';
import { ClaimConflictError, type Clock, type EventBus, type Store } from '../ports.js';
import { signSurveyToken, verifySurveyToken } from './survey-token.js';
import type { SurveyLanguage, SurveyWording } from './survey-wording.js';
import { commit } from '../commit.js';

/** Channels a survey can go out on, and how the citizen answers there. */
const HOW: Partial<Record<Channel, 'link' | 'digit'>> = {
  email: 'link',
  webchat: 'link',
  whatsapp: 'digit',
  messenger: 'digit',
  instagram: 'digit',
  telegram: 'digit',
};

/** A digit reply, alone or with light decoration ("4", " 5 ", "3/5", "2."). */
const DIGIT_REPLY = /^\s*([1-5])\s*(?:\/\s*5)?\s*[.!]?\s*$/;

/** How long a messaging-app survey waits for its digit. */
const REPLY_WINDOW_MS = 7 * 86_400_000;

export interface SurveyDeps {
  store: Store;
  bus: EventBus;
  clock: Clock;
  /** Signs the links; links stay valid as long as it does not change. */
  secret: string;
  /** Public base URL of this server, for the email and web-chat links. */
  publicUrl: string;
  wording: Readonly<Record<SurveyLanguage, SurveyWording>>;
  /** Language of the outgoing message; the public page follows the browser. */
  language?: SurveyLanguage;
  log: (msg: string, err?: unknown) => void;
}

export type AnswerOutcome = 'recorded' | 'already-answered' | 'invalid';

export interface SurveyView {
  state: 'open' | 'already-answered' | 'invalid';
}

/**
 * Satisfaction surveys: one per conversation, sent after its first resolution through the durable
 * outbox on the conversation's channel, answered once (the claim `survey-answer:<id>` is the gate).
 */
export class SurveyService {
  constructor(private readonly deps: SurveyDeps) {}

  /** Listens for resolutions and for digit replies; returns the unsubscribe. */
  start(): () => void {
    return this.deps.bus.subscribe((event) => {
      if (event.type === 'conversation.status' && event.payload.status === 'resolved' && event.conversationId) {
        this.dispatch(event.conversationId).catch((err: unknown) => this.deps.log('survey dispatch failed', err));
      } else if (event.type === 'message.received' && event.payload.message.direction === 'inbound') {
        this.takeReply(event.payload.message).catch((err: unknown) => this.deps.log('survey reply failed', err));
      }
    });
  }

  /** Queues the survey of a resolved conversation, unless it had one or no agent ever answered it. */
  async dispatch(conversationId: ConversationId): Promise<'queued' | 'skipped'> {
    const { store, clock } = this.deps;
    const conversation = await store.getConversation(conversationId);
    if (!conversation || conversation.status !== 'resolved') return 'skipped';
    const channel = conversation.lastInboundChannel ?? conversation.channels[0];
    const how = channel ? HOW[channel] : undefined;
    if (!channel || !how) return 'skipped';
    // A conversation nobody answered (spam, an abandoned chat, a digit reply) gets no survey.
    const events = await store.readJournalSlice({ conversationId, afterSeq: 0, limit: 5000 });
    if (!events.some((e) => e.type === 'message.sent' && e.payload.message.author.kind === 'agent')) return 'skipped';

    const surveyId = `srv_${randomUUID()}`;
    const wording = this.deps.wording[this.deps.language ?? 'fr'];
    const link = `${this.deps.publicUrl.replace(/\/$/, '')}/survey/${signSurveyToken(this.deps.secret, { surveyId, conversationId })}`;
    const at = clock.now().toISOString();
    const message: Message = {
      id: newId<MessageId>('msg'),
      conversationId,
      citizenId: conversation.citizenId,
      direction: 'outbound',
      channel,
      kind: 'text',
      // `system`, not an agent: reports do not count it as a response or a channel switch.
      author: { kind: 'system', name: 'Guichet' },
      text: how === 'link' ? wording.linkText.replace('{link}', link) : wording.replyText,
      attachments: [],
      at,
      status: 'queued',
    };
    const envelope = envelopeOf(conversation, at);
    const out: NewJournalEvent[] = [
      { ...envelope, type: 'survey.sent', payload: { surveyId, channel, agentId: conversation.assigneeId } },
      { ...envelope, type: 'message.sent', payload: { message } },
    ];
    try {
      await commit(this.deps, out, [{ key: `survey-sent:${conversationId}`, owner: surveyId }]);
      return 'queued';
    } catch (err) {
      if (err instanceof ClaimConflictError) return 'skipped';
      throw err;
    }
  }

  /** What the public page should show for a link. */
  async view(token: string): Promise<SurveyView> {
    const ticket = verifySurveyToken(this.deps.secret, token);
    if (!ticket) return { state: 'invalid' };
    const answered = await this.deps.store.claimOwner(`survey-answer:${ticket.surveyId}`);
    return { state: answered ? 'already-answered' : 'open' };
  }

  /** Records the answer of a link's survey, once. */
  async answerByToken(token: string, score: number, comment: string | undefined): Promise<AnswerOutcome> {
    const ticket = verifySurveyToken(this.deps.secret, token);
    if (!ticket) return 'invalid';
    return this.record(ticket.surveyId, ticket.conversationId as ConversationId, score, comment);
  }

  private async record(surveyId: string, conversationId: ConversationId, score: number, comment: string | undefined): Promise<AnswerOutcome> {
    const { store } = this.deps;
    const conversation = await store.getConversation(conversationId);
    // The survey must be one this conversation really sent: the claim names its id.
    if (!conversation || (await store.claimOwner(`survey-sent:${conversationId}`)) !== surveyId) return 'invalid';
    const sent = await this.sentEvent(conversationId, surveyId);
    if (!sent) return 'invalid';
    const trimmed = comment?.trim().slice(0, 2000);
    const event: NewJournalEvent = {
      ...envelopeOf(conversation, this.deps.clock.now().toISOString()),
      actor: { kind: 'citizen' },
      type: 'survey.answered',
      payload: { surveyId, channel: sent.payload.channel, agentId: sent.payload.agentId, score, ...(trimmed ? { comment: trimmed } : {}) },
    };
    try {
      await commit(this.deps, [event], [{ key: `survey-answer:${surveyId}`, owner: conversationId }]);
      return 'recorded';
    } catch (err) {
      if (err instanceof ClaimConflictError) return 'already-answered';
      throw err;
    }
  }

  private async sentEvent(conversationId: ConversationId, surveyId: string) {
    const events = await this.deps.store.readJournalSlice({ conversationId, afterSeq: 0, limit: 5000 });
    return events.find((e): e is Extract<JournalEvent, { type: 'survey.sent' }> => e.type === 'survey.sent' && e.payload.surveyId === surveyId);
  }

  /**
   * A digit from a citizen with a survey pending on that messaging channel is the answer. The
   * reply landed in a new conversation (the surveyed one is resolved): that one is resolved at
   * once, so it does not wait in an inbox.
   */
  private async takeReply(message: Message): Promise<void> {
    const match = DIGIT_REPLY.exec(message.text);
    if (!match || HOW[message.channel] !== 'digit') return;
    const { store, clock } = this.deps;
    const since = clock.now().getTime() - REPLY_WINDOW_MS;
    const pending = await this.pendingSurvey(message, since);
    if (!pending) return;
    const outcome = await this.record(pending.surveyId, pending.conversationId, Number(match[1]), undefined);
    if (outcome !== 'recorded' || message.conversationId === pending.conversationId) return;
    const fresh = await store.getConversation(message.conversationId);
    if (fresh && fresh.status !== 'resolved' && fresh.messageCount === 1) {
      const resolved: NewJournalEvent = {
        ...envelopeOf(fresh, clock.now().toISOString()),
        type: 'conversation.status',
        payload: { status: 'resolved', previousStatus: fresh.status },
      };
      await commit(this.deps, [resolved]);
    }
  }

  /** The citizen's latest unanswered survey sent on this channel within the reply window. */
  private async pendingSurvey(message: Message, since: number): Promise<{ surveyId: string; conversationId: ConversationId } | null> {
    const { store } = this.deps;
    let latest: { surveyId: string; conversationId: ConversationId } | null = null;
    for (let after = 0; ; ) {
      const page = await store.readJournalSlice({ citizenId: message.citizenId, afterSeq: after, limit: 1000 });
      for (const e of page) {
        if (e.type === 'survey.sent' && e.payload.channel === message.channel && Date.parse(e.at) >= since && e.conversationId) {
          latest = { surveyId: e.payload.surveyId, conversationId: e.conversationId };
        } else if (e.type === 'survey.answered' && latest?.surveyId === e.payload.surveyId) {
          latest = null;
        }
      }
      if (page.length < 1000) return latest;
      after = page[page.length - 1]!.seq;
    }
  }
}

function envelopeOf(conversation: Conversation, at: string) {
  return {
    at,
    actor: { kind: 'system' as const },
    citizenId: conversation.citizenId,
    conversationId: conversation.id,
    queueId: conversation.queueId,
  };
}
