import { describe, expect, it } from 'vitest';
import {
  CALLBACK_TAG,
  emptyBoard,
  reduceBoard,
  reduceConversation,
  type AgentId,
  type BoardConversation,
  type CallOutcome,
  type Channel,
  type CitizenId,
  type Conversation,
  type ConversationId,
  type ConversationStatus,
  type JournalEvent,
  type Message,
  type MessageId,
  type QueueId,
} from '../../../shared/index.js';
import { createRng } from '../../demo/prng.js';
import { elapsedMinutes, foldReportRow, type ReportRow } from './report-row.js';

// The console's conversation, the supervisor board and the report rows fold one journal each in
// their own record; they must agree on the facts they share (shared/conversation-facts.ts). The
// journal is generated, seeded, with what happens at a town hall's desk: chats and e-mails that
// move to WhatsApp, missed calls and voicemails with call-backs that do or do not get through,
// written replies to a caller, assignments, pending and resolved requests reopened, due times
// and breaches, surveys, and events none of them folds.

const TEXT_CHANNELS: readonly Channel[] = ['email', 'webchat', 'whatsapp', 'messenger', 'telegram'];
const AGENTS = ['agt_alice', 'agt_bruno', 'agt_chloe'] as AgentId[];
const T0 = Date.parse('2026-03-02T08:00:00.000Z');
/** Events none of the three folds into facts. */
const NOISE: Pick<JournalEvent, 'type' | 'payload'>[] = [
  { type: 'conversation.read', payload: { upToSeq: 1 } },
  { type: 'conversation.offered', payload: { agentId: AGENTS[0]!, attempt: 1, expiresAt: new Date(T0).toISOString() } },
  { type: 'whisper.sent', payload: { whisperId: 'wsp_1', toAgentId: AGENTS[1]!, text: 'Rappelez-la' } },
];

interface Call {
  messageId: MessageId;
  direction: 'inbound' | 'outbound';
  outcome: CallOutcome;
}
interface Desk {
  id: ConversationId;
  citizenId: CitizenId;
  status: ConversationStatus;
  ringing: Call[];
  /** Where the survey goes, as the survey service picks it. */
  surveyChannel: Channel;
  /** The survey service writes only to those an agent wrote to. */
  agentWrote: boolean;
}

function generatedJournal(seed: number, length: number): JournalEvent[] {
  const rng = createRng(seed);
  const events: JournalEvent[] = [];
  const desks: Desk[] = [];
  let minutes = 0;
  let ids = 0;
  const queueId = 'que_accueil' as QueueId;
  const push = (desk: Desk, body: Pick<JournalEvent, 'type' | 'payload'>, actor: Message['author'] = { kind: 'system' }) => {
    const at = new Date(T0 + minutes * 60_000).toISOString();
    events.push({ seq: events.length + 1, at, actor, citizenId: desk.citizenId, conversationId: desk.id, queueId, ...body } as JournalEvent);
    return at;
  };
  const message = (desk: Desk, direction: Message['direction'], channel: Channel, call?: Message['call']): Message => ({
    id: `msg_${seed}_${++ids}` as MessageId,
    conversationId: desk.id,
    citizenId: desk.citizenId,
    direction,
    channel,
    kind: call ? 'call' : 'text',
    author: direction === 'inbound' ? { kind: 'citizen' } : { kind: 'agent', id: rng.pick(AGENTS) },
    text: call ? 'Appel' : 'Bonjour',
    attachments: [],
    at: new Date(T0 + minutes * 60_000).toISOString(),
    status: direction === 'inbound' ? 'received' : 'queued',
    ...(call ? { call } : {}),
  });
  const setStatus = (desk: Desk, status: ConversationStatus) => {
    push(desk, { type: 'conversation.status', payload: { status, previousStatus: desk.status } });
    desk.status = status;
  };
  const sent = (desk: Desk, m: Message) => {
    desk.agentWrote = true;
    push(desk, { type: 'message.sent', payload: { message: m } }, m.author);
  };
  const received = (desk: Desk, m: Message) => {
    // As ingest does: a citizen's message reopens a resolved request and wakes a pending one.
    if (desk.status !== 'open') setStatus(desk, 'open');
    desk.surveyChannel = m.channel;
    push(desk, { type: 'message.received', payload: { message: m } }, m.author);
  };
  const call = (desk: Desk, direction: Call['direction'], outcome: CallOutcome) => {
    const m = message(desk, direction, 'phone', { from: '+33612345678', to: '+33140000000', startedAt: new Date(T0 + minutes * 60_000).toISOString(), outcome });
    if (outcome === 'ringing') desk.ringing.push({ messageId: m.id, direction, outcome });
    if (direction === 'inbound') received(desk, m);
    else sent(desk, m);
  };

  while (events.length < length) {
    minutes += rng.int(0, 90);
    if (desks.length < 3 || (desks.length < 8 && rng.chance(0.06))) {
      const desk: Desk = { id: `conv_${seed}_${desks.length}` as ConversationId, citizenId: `cit_${seed}_${desks.length}` as CitizenId, status: 'open', ringing: [], surveyChannel: 'email', agentWrote: false };
      desks.push(desk);
      const channel = rng.pick([...TEXT_CHANNELS, 'phone'] as Channel[]);
      desk.surveyChannel = channel;
      push(desk, { type: 'conversation.opened', payload: { citizenName: 'Jeanne Martin', queueId, channel, priority: 'normal' } });
      if (rng.chance(0.7)) push(desk, { type: 'sla.set', payload: { firstResponseDueAt: new Date(T0 + (minutes + 60) * 60_000).toISOString(), ...(rng.chance(0.5) ? { calendarId: 'mairie' } : {}) } });
      if (channel === 'phone') call(desk, 'inbound', rng.pick(['ringing', 'answered', 'missed', 'voicemail'] as CallOutcome[]));
      else received(desk, message(desk, 'inbound', channel));
      continue;
    }
    const desk = rng.pick(desks);
    const action = rng.weighted([
      ['write', 6], ['call', 4], ['ring-ends', desk.ringing.length > 0 ? 6 : 0], ['reply', 6], ['call-back', 3], ['note', 1],
      ['assign', 3], ['pending', 1], ['resolve', 2], ['sla', 1], ['breach', 1], ['noise', 2],
    ] as const);
    switch (action) {
      case 'write':
        received(desk, message(desk, 'inbound', rng.chance(0.6) ? TEXT_CHANNELS[0]! : rng.pick(TEXT_CHANNELS)));
        break;
      case 'call':
        call(desk, 'inbound', rng.pick(['ringing', 'ringing', 'answered', 'missed', 'voicemail', 'abandoned'] as CallOutcome[]));
        break;
      case 'ring-ends': {
        const ringing = desk.ringing.shift()!;
        const outcomes: CallOutcome[] = ringing.direction === 'inbound' ? ['answered', 'missed', 'voicemail', 'abandoned'] : ['answered', 'missed'];
        const outcome = rng.pick(outcomes);
        const details = { from: '+33612345678', to: '+33140000000', startedAt: new Date(T0).toISOString(), outcome };
        push(desk, { type: 'call.updated', payload: { messageId: ringing.messageId, direction: ringing.direction, previousOutcome: 'ringing', call: details } });
        break;
      }
      case 'reply':
        sent(desk, message(desk, 'outbound', rng.pick(TEXT_CHANNELS)));
        break;
      case 'call-back':
        call(desk, 'outbound', rng.pick(['answered', 'missed', 'ringing'] as CallOutcome[]));
        break;
      case 'note':
        push(desk, { type: 'note.added', payload: { message: message(desk, 'note', 'email') } });
        break;
      case 'assign': {
        const to = rng.chance(0.2) ? null : rng.pick(AGENTS);
        push(desk, { type: 'conversation.assigned', payload: { assigneeId: to, previousAssigneeId: null } });
        break;
      }
      case 'pending':
        if (desk.status === 'open') setStatus(desk, 'pending');
        break;
      case 'resolve':
        if (desk.status === 'resolved') break;
        setStatus(desk, 'resolved');
        if (desk.agentWrote && rng.chance(0.5)) {
          // The survey goes out by the system, on the conversation's channel: no response, no switch.
          push(desk, { type: 'survey.sent', payload: { surveyId: `srv_${desk.id}`, channel: desk.surveyChannel, agentId: null } });
          push(desk, { type: 'message.sent', payload: { message: { ...message(desk, 'outbound', desk.surveyChannel), author: { kind: 'system', name: 'Guichet' } } } });
        }
        break;
      case 'sla':
        push(desk, { type: 'sla.set', payload: { resolutionDueAt: new Date(T0 + (minutes + 600) * 60_000).toISOString(), ...(rng.chance(0.5) ? { calendarId: 'nuit' } : {}) } });
        break;
      case 'breach': {
        const kind = rng.pick(['first_response', 'resolution'] as const);
        push(desk, { type: 'sla.breached', payload: { kind, dueAt: new Date(T0 + minutes * 60_000).toISOString() } });
        break;
      }
      case 'noise':
        push(desk, rng.pick(NOISE));
        break;
    }
  }
  return events;
}


const breachAt = (c: Conversation, kind: 'first_response' | 'resolution') => c.breaches?.find((b) => b.kind === kind)?.at ?? null;

/** The facts as each consumer holds them, in the board's words (the board keeps all of them). */
function conversationSays(c: Conversation) {
  return {
    status: c.status,
    assigneeId: c.assigneeId,
    openedAt: c.openedAt,
    channels: c.channels,
    channel: c.lastInboundChannel ?? c.channels[0],
    waitingSince: c.waitingSince,
    callbackOwed: c.tags.includes(CALLBACK_TAG),
    firstResponseAt: c.firstRespondedAt ?? null,
    resolvedAt: c.resolvedAt,
    firstResponseDueAt: c.firstResponseDueAt ?? null,
    resolutionDueAt: c.resolutionDueAt ?? null,
    calendarId: c.calendarId ?? null,
    firstResponseBreachedAt: breachAt(c, 'first_response'),
    resolutionBreachedAt: breachAt(c, 'resolution'),
  };
}
function boardSays(b: BoardConversation): ReturnType<typeof conversationSays> {
  const { status, assigneeId, openedAt, channels, channel, waitingSince, callbackOwed, firstResponseAt, resolvedAt } = b;
  return {
    status, assigneeId, openedAt, channels, channel, waitingSince, callbackOwed, firstResponseAt, resolvedAt,
    firstResponseDueAt: b.firstResponseDueAt,
    resolutionDueAt: b.resolutionDueAt,
    calendarId: b.calendarId,
    firstResponseBreachedAt: b.firstResponseBreachedAt,
    resolutionBreachedAt: b.resolutionBreachedAt,
  };
}
function reportExpects(b: BoardConversation, lastAssignee: AgentId | null): Partial<ReportRow> {
  return {
    channel: b.openingChannel,
    assigneeId: lastAssignee,
    openedAt: b.openedAt,
    firstResponseAt: b.firstResponseAt,
    resolvedAt: b.resolvedAt,
    firstResponseMinutes: b.firstResponseAt === null ? null : elapsedMinutes(b.openedAt, b.firstResponseAt, null),
    resolutionMinutes: b.resolvedAt === null ? null : elapsedMinutes(b.openedAt, b.resolvedAt, null),
    calendarId: b.calendarId,
    firstResponseDueAt: b.firstResponseDueAt,
    resolutionDueAt: b.resolutionDueAt,
    firstResponseBreached: b.firstResponseBreachedAt !== null,
    resolutionBreached: b.resolutionBreachedAt !== null,
    channelSwitches: b.channelSwitches,
    lastChannel: b.lastChannel,
    chatAbandoned: b.openingChannel === 'webchat' && b.resolvedAt !== null && b.firstResponseAt === null,
  };
}

describe('one conversation fold', () => {
  it('gives the conversation, the board and the report rows the same facts over generated journals', () => {
    const seen = { keptWaitingAfterReply: 0, callBackSettled: 0, pickedUpFirst: 0, reopened: 0, switched: 0, survey: 0 };
    for (const seed of [1, 2, 3, 5, 8, 13, 21, 34]) {
      const events = generatedJournal(seed, 400);
      const conversations = new Map<string, Conversation | undefined>();
      const rows = new Map<string, ReportRow | undefined>();
      const assignees = new Map<string, AgentId | null>();
      let board = emptyBoard();
      for (const event of events) {
        const id = event.conversationId!;
        const before = board.conversations[id];
        board = reduceBoard(board, event);
        conversations.set(id, reduceConversation(conversations.get(id), event));
        rows.set(id, foldReportRow(rows.get(id), event, elapsedMinutes));
        if (event.type === 'conversation.assigned') assignees.set(id, event.payload.assigneeId ?? assignees.get(id) ?? null);
        const b = board.conversations[id]!;
        const where = `seed ${seed}, seq ${event.seq} (${event.type})`;
        expect(conversationSays(conversations.get(id)!), where).toEqual(boardSays(b));
        expect(rows.get(id), where).toMatchObject(reportExpects(b, assignees.get(id) ?? null));
        if (event.type === 'message.sent' && event.payload.message.author.kind !== 'system' && b.waitingSince !== null) seen.keptWaitingAfterReply++;
        if (before?.callbackOwed && !b.callbackOwed && event.type !== 'conversation.status') seen.callBackSettled++;
        if (event.type === 'call.updated' && before?.firstResponseAt === null && b.firstResponseAt !== null) seen.pickedUpFirst++;
        if (event.type === 'conversation.status' && event.payload.previousStatus === 'resolved') seen.reopened++;
        if (event.type === 'message.sent' && event.payload.message.author.kind === 'system') seen.survey++;
      }
      seen.switched += Object.values(board.conversations).filter((c) => c.channelSwitches > 0).length;
    }
    // The journals did reach the cases where the copies once disagreed.
    for (const [what, count] of Object.entries(seen)) expect(count, what).toBeGreaterThan(0);
  });
});
