import {
  LogCallCommand,
  SummarizeCallCommand,
  callOwesCallback,
  newId,
  normalizeIdentity,
  type Agent,
  type CallDetails,
  type Citizen,
  type Message,
  type MessageId,
  type NewJournalEvent,
} from '../../shared/index.js';
import type { AgentCommands } from './agent-commands.js';
import { describeCall } from './calls.js';
import { agentEnvelope, writeOncePerClientId } from './agent-writes.js';
import { DomainError, parseOrReject } from './errors.js';
import { normalizeOrReject } from './identity.js';
import type { Clock, EventBus, Store } from './ports.js';
import { commit } from './commit.js';

export interface CallCommandDeps {
  store: Store;
  bus: EventBus;
  clock: Clock;
  /** Who may act on which conversation: the same rule as every other command. */
  access: Pick<AgentCommands, 'reachable' | 'reachableMessage'>;
}

/** The number to log a call with: the one given, else the citizen's latest phone (or WhatsApp) number. */
function citizenNumber(citizen: Citizen, given: string | undefined): string {
  if (given !== undefined) return normalizeOrReject('phone', given).value;
  const phones = citizen.identities.filter((i) => i.kind === 'phone');
  const known = (phones.length > 0 ? phones : citizen.identities.filter((i) => i.kind === 'whatsapp')).at(-1);
  if (!known) throw new DomainError('bad_request', 'no phone number is known for this citizen: give the number called', { reason: 'no_phone_number' });
  return normalizeIdentity('phone', known.value);
}

/** What staff do about calls from the console: summarise a call taken, log a call by hand. */
export class CallCommands {
  constructor(private readonly deps: CallCommandDeps) {}

  async summarize(agent: Agent, raw: unknown): Promise<Message> {
    const cmd = parseOrReject(SummarizeCallCommand, raw, 'call summary');
    const { store, bus, clock } = this.deps;
    // Access first: whether another service's message is a call is not for this agent to learn.
    const { message, conversation } = await this.deps.access.reachableMessage(agent, cmd.messageId);
    if (message.kind !== 'call' || !message.call) throw new DomainError('bad_request', 'only a call can be summarised', { reason: 'not_a_call' });
    if (message.call.summary === cmd.summary) return message;
    await commit({ store, bus }, [
      {
        ...agentEnvelope(agent, conversation, clock.now().toISOString()),
        type: 'call.summarized',
        payload: { messageId: message.id, summary: cmd.summary },
      },
    ]);
    return { ...message, call: { ...message.call, summary: cmd.summary } };
  }

  /**
   * Logs a call made or taken outside the telephony integration. An outbound call is staff's
   * message (a call-back: if it reached the citizen it settles the call-back item); an inbound
   * one is the citizen's. Logged once per clientMessageId, like a reply.
   */
  async log(agent: Agent, raw: unknown): Promise<Message> {
    const cmd = parseOrReject(LogCallCommand, raw, 'call log');
    return writeOncePerClientId(this.deps, agent, cmd.clientMessageId, () => this.loggedCall(agent, cmd));
  }

  private async loggedCall(agent: Agent, cmd: ReturnType<typeof LogCallCommand.parse>): Promise<{ message: Message; events: NewJournalEvent[] }> {
    const { store, clock } = this.deps;
    const conversation = await this.deps.access.reachable(agent, cmd.conversationId);
    const citizen = await store.getCitizen(conversation.citizenId);
    if (!citizen) throw new Error(`citizen ${conversation.citizenId} of ${conversation.id} is missing`);
    const number = citizenNumber(citizen, cmd.number);
    const at = clock.now().toISOString();
    const duration = cmd.durationSec ?? 0;
    const startedAt = cmd.startedAt ? new Date(cmd.startedAt).toISOString() : new Date(Date.parse(at) - duration * 1000).toISOString();
    const endedAt = new Date(Date.parse(startedAt) + duration * 1000).toISOString();
    const inbound = cmd.direction === 'inbound';
    const call: CallDetails = {
      // The town's side of a hand-logged call is whatever desk phone the agent used: not recorded.
      from: inbound ? number : '',
      to: inbound ? '' : number,
      startedAt,
      ...(cmd.outcome === 'answered' ? { answeredAt: startedAt } : {}),
      endedAt,
      ...(cmd.durationSec !== undefined ? { durationSec: cmd.durationSec } : {}),
      outcome: cmd.outcome,
      ...(cmd.notes ? { summary: cmd.notes } : {}),
    };
    const message: Message = {
      id: newId<MessageId>('msg', Date.parse(at)),
      conversationId: conversation.id,
      citizenId: conversation.citizenId,
      direction: cmd.direction,
      channel: 'phone',
      kind: 'call',
      author: inbound ? { kind: 'citizen', id: citizen.id, name: citizen.displayName } : { kind: 'agent', id: agent.id, name: agent.displayName },
      text: describeCall(cmd.direction, call),
      attachments: [],
      at,
      status: inbound ? 'received' : 'sent',
      call,
    };
    const envelope = agentEnvelope(agent, conversation, at);
    const events: NewJournalEvent[] = [];
    if (inbound) {
      if (conversation.status === 'pending' && callOwesCallback('inbound', cmd.outcome)) {
        events.push({ ...envelope, type: 'conversation.status', payload: { status: 'open', previousStatus: 'pending' } });
      }
      events.push({ ...envelope, type: 'message.received', payload: { message } });
    } else {
      // Whoever calls a citizen back owns the conversation from then on, as with a reply.
      if (conversation.assigneeId === null) {
        events.push({ ...envelope, type: 'conversation.assigned', payload: { assigneeId: agent.id, previousAssigneeId: null } });
      }
      events.push({ ...envelope, type: 'message.sent', payload: { message } });
    }
    return { message, events };
  }
}
