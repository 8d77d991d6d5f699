import {
  AddNoteCommand,
  AssignCommand,
  MarkReadCommand,
  SendMessageCommand,
  SetStatusCommand,
  newId,
  type Agent,
  type Channel,
  type Conversation,
  type ConversationId,
  type Message,
  type MessageId,
  type NewJournalEvent,
} from '../../shared/index.js';
import { AccessGate } from './access.js';
import { agentEnvelope, writeOncePerClientId } from './agent-writes.js';
import { DomainError, parseOrReject } from './errors.js';
import type { Clock, EventBus, Store } from './ports.js';
import { assertWhatsappWindowOpen } from './whatsapp-window.js';
import { commit } from './commit.js';
import { noteMentions } from './mentions/mention-rule.js';
import { unfilledPlaceholders } from '../../shared/answer-text.js';

export interface AgentCommandDeps {
  store: Store;
  bus: EventBus;
  clock: Clock;
}

type ChangeType = 'conversation.assigned' | 'conversation.status' | 'conversation.read';
type ConversationChange = { [T in ChangeType]: Pick<Extract<NewJournalEvent, { type: T }>, 'type' | 'payload'> }[ChangeType];

// Channels an agent can write on from the composer. A phone call is logged, not "sent".
const REPLYABLE: readonly Channel[] = ['email', 'webchat', 'messenger', 'whatsapp', 'instagram', 'telegram'];

/** What staff do to conversations. Each command validates, authorises, appends, publishes. */
export class AgentCommands {
  private readonly gate: AccessGate;

  constructor(private readonly deps: AgentCommandDeps) {
    this.gate = new AccessGate(deps.store);
  }

  async sendMessage(agent: Agent, raw: unknown): Promise<Message> {
    const cmd = parseOrReject(SendMessageCommand, raw, 'message');
    return this.write(agent, cmd.conversationId, cmd.clientMessageId, async (conversation, at) => {
      if (!REPLYABLE.includes(cmd.channel)) {
        throw new DomainError('bad_request', `cannot write to a citizen on the ${cmd.channel} channel`, { reason: 'channel_not_writable' });
      }
      const citizen = await this.deps.store.getCitizen(conversation.citizenId);
      if (!citizen?.identities.some((i) => i.kind === cmd.channel)) {
        throw new DomainError('bad_request', `this citizen has no ${cmd.channel} address`, { reason: 'no_address_on_channel' });
      }
      if (cmd.channel === 'whatsapp') await assertWhatsappWindowOpen(this.deps.store, citizen.id, Date.parse(at));
      assertNoPlaceholderLeft(cmd.text);
      if (cmd.answer && !(await this.deps.store.getAnswer(cmd.answer.answerId, cmd.answer.version))) {
        throw new DomainError('bad_request', `no version ${cmd.answer.version} of answer ${cmd.answer.answerId}`, { reason: 'unknown_answer' });
      }
      const message = this.message(agent, conversation, { at, direction: 'outbound', channel: cmd.channel, text: cmd.text, status: 'queued' });
      if (cmd.answer) message.answer = cmd.answer;
      if (cmd.channel === 'email' && conversation.subject) message.subject = replySubject(conversation.subject);
      const events: NewJournalEvent[] = [];
      // Whoever answers an unassigned conversation owns it from then on.
      if (conversation.assigneeId === null) {
        events.push({ ...agentEnvelope(agent, conversation, at), type: 'conversation.assigned', payload: { assigneeId: agent.id, previousAssigneeId: null } });
      }
      events.push({ ...agentEnvelope(agent, conversation, at), type: 'message.sent', payload: { message } });
      return { message, events };
    });
  }

  async addNote(agent: Agent, raw: unknown): Promise<Message> {
    const cmd = parseOrReject(AddNoteCommand, raw, 'note');
    return this.write(agent, cmd.conversationId, cmd.clientMessageId, async (conversation, at) => {
      const channel = conversation.lastInboundChannel ?? conversation.channels[0] ?? 'email';
      const message = this.message(agent, conversation, { at, direction: 'note', channel, text: cmd.text, status: 'received' });
      // Kept, even empty, on a note with an "@": consoles then follow the server's decision, not the text.
      if (cmd.text.includes('@')) message.mentions = noteMentions(cmd.text, agent, conversation, await this.deps.store.listAgents());
      return { message, events: [{ ...agentEnvelope(agent, conversation, at), type: 'note.added', payload: { message } }] };
    });
  }

  async assign(agent: Agent, raw: unknown): Promise<Conversation> {
    const cmd = parseOrReject(AssignCommand, raw, 'assignment');
    const conversation = await this.reachable(agent, cmd.conversationId);
    if (cmd.assigneeId !== null) {
      const assignee = await this.deps.store.getAgent(cmd.assigneeId);
      if (!assignee || assignee.role === 'trainer' || assignee.role === 'trainee') {
        throw new DomainError('bad_request', 'the assignee is not a member of staff who can take conversations', { reason: 'assignee_not_staff' });
      }
    }
    if (conversation.assigneeId === cmd.assigneeId) return conversation;
    return this.change(agent, conversation, {
      type: 'conversation.assigned',
      payload: { assigneeId: cmd.assigneeId, previousAssigneeId: conversation.assigneeId },
    });
  }

  async setStatus(agent: Agent, raw: unknown): Promise<Conversation> {
    const cmd = parseOrReject(SetStatusCommand, raw, 'status change');
    const conversation = await this.reachable(agent, cmd.conversationId);
    if (conversation.status === cmd.status) return conversation;
    if (conversation.status === 'resolved') {
      // A citizen writing again opens a new conversation; reopening an old one would fork the thread.
      const active = await this.deps.store.findActiveConversation(conversation.citizenId);
      if (active) throw new DomainError('conflict', 'this citizen already has an active conversation', { reason: 'active_conversation_exists' });
    }
    return this.change(agent, conversation, {
      type: 'conversation.status',
      payload: { status: cmd.status, previousStatus: conversation.status },
    });
  }

  async markRead(agent: Agent, raw: unknown): Promise<Conversation> {
    const cmd = parseOrReject(MarkReadCommand, raw, 'read mark');
    const conversation = await this.reachable(agent, cmd.conversationId);
    if (conversation.unreadCount === 0) return conversation;
    return this.change(agent, conversation, { type: 'conversation.read', payload: { upToSeq: conversation.lastSeq } });
  }

  /** Loads a conversation the agent may act on; one they may not see is not found (shared/access.ts). */
  reachable(agent: Agent, conversationId: ConversationId): Promise<Conversation> {
    return this.gate.conversation(agent, conversationId);
  }

  /** A message and its conversation the agent may act on; else not found, like an unknown id. */
  reachableMessage(agent: Agent, messageId: string): Promise<{ message: Message; conversation: Conversation }> {
    return this.gate.message(agent, messageId);
  }

  private async change(
    agent: Agent,
    conversation: Conversation,
    body: ConversationChange,
  ): Promise<Conversation> {
    const at = this.deps.clock.now().toISOString();
    const event = { ...agentEnvelope(agent, conversation, at), ...body } as NewJournalEvent;
    await commit(this.deps, [event]);
    const updated = await this.deps.store.getConversation(conversation.id);
    if (!updated) throw new Error(`conversation ${conversation.id} vanished after its own event`);
    return updated;
  }

  /** Loads the conversation, builds the message and its events, and writes them once per client id. */
  private write(
    agent: Agent,
    conversationId: ConversationId,
    clientMessageId: string,
    build: (conversation: Conversation, at: string) => Promise<{ message: Message; events: NewJournalEvent[] }>,
  ): Promise<Message> {
    return writeOncePerClientId(this.deps, agent, clientMessageId, async () =>
      build(await this.reachable(agent, conversationId), this.deps.clock.now().toISOString()),
    );
  }

  private message(
    agent: Agent,
    conversation: Conversation,
    m: Pick<Message, 'at' | 'direction' | 'channel' | 'text' | 'status'>,
  ): Message {
    return {
      id: newId<MessageId>('msg', Date.parse(m.at)),
      conversationId: conversation.id,
      citizenId: conversation.citizenId,
      kind: 'text',
      author: { kind: 'agent', id: agent.id, name: agent.displayName },
      attachments: [],
      ...m,
    };
  }
}

export function replySubject(subject: string): string {
  return /^re\s*:/i.test(subject) ? subject : `Re: ${subject}`;
}

/** A citizen never receives "{{date.limite}}": the reply is refused, naming what is left to fill. */
function assertNoPlaceholderLeft(text: string): void {
  const left = unfilledPlaceholders(text);
  if (left.length === 0) return;
  const named = left.map((name) => (name === '{{' || name === '}}' ? name : `{{${name}}}`)).join(', ');
  throw new DomainError('bad_request', `fill ${named} before sending`, {
    reason: 'unfilled_placeholder',
    issues: left.map((name) => ({ path: 'text', message: name })),
  });
}
