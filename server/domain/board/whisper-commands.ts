import { WatchCommand, WhisperCommand, can, newId, type Agent, type EventOfType, type NewJournalEvent } from '../../../shared/index.js';
import { agentEnvelope } from '../agent-writes.js';
import type { AgentCommands } from '../agent-commands.js';
import { DomainError, parseOrReject } from '../errors.js';
import type { Clock, EventBus, Store } from '../ports.js';
import { commit } from '../commit.js';

export interface WhisperDeps {
  store: Store;
  bus: EventBus;
  clock: Clock;
  access: Pick<AgentCommands, 'reachable'>;
}

/**
 * A supervisor's whisper: one `whisper.sent` event, and nothing else. It is deliberately not a
 * Message (no note.added): messages feed the timeline projection, the outbox, the widget history
 * and the citizen-facing replays, and a whisper must reach none of them.
 */
export async function sendWhisper(deps: WhisperDeps, supervisor: Agent, raw: unknown): Promise<EventOfType<'whisper.sent'>> {
  const cmd = parseOrReject(WhisperCommand, raw, 'whisper');
  const conversation = await deps.access.reachable(supervisor, cmd.conversationId);
  const toAgentId = cmd.toAgentId ?? conversation.assigneeId;
  if (!toAgentId) throw new DomainError('bad_request', 'nobody handles this conversation: name the agent to whisper to', { reason: 'whisper_needs_agent' });
  const recipient = await deps.store.getAgent(toAgentId);
  if (!recipient || (recipient.role !== 'agent' && recipient.role !== 'supervisor' && recipient.role !== 'admin')) {
    throw new DomainError('bad_request', 'the whisper must go to a member of staff who handles conversations', { reason: 'whisper_target_not_staff' });
  }
  const at = deps.clock.now().toISOString();
  const event: NewJournalEvent = {
    ...agentEnvelope(supervisor, conversation, at),
    type: 'whisper.sent',
    payload: { whisperId: newId('wsp', Date.parse(at)), toAgentId, text: cmd.text },
  };
  const [committed] = await commit(deps, [event]);
  if (committed?.type !== 'whisper.sent') throw new Error('the whisper was not committed as written');
  return committed;
}

const SLICE_PAGE = 500;

/**
 * The whispers of one conversation that this member of staff may read: an agent gets those sent
 * to them (after a reload the live pushes are gone, the journal is not), supervisors get all.
 */
export async function listWhispers(deps: Pick<WhisperDeps, 'store' | 'access'>, agent: Agent, raw: unknown): Promise<EventOfType<'whisper.sent'>[]> {
  const cmd = parseOrReject(WatchCommand, raw, 'whisper list');
  const conversation = await deps.access.reachable(agent, cmd.conversationId);
  const all = can(agent.role, 'supervisor:monitor');
  const found: EventOfType<'whisper.sent'>[] = [];
  for (let afterSeq = 0; ; ) {
    const page = await deps.store.readJournalSlice({ conversationId: conversation.id, afterSeq, limit: SLICE_PAGE });
    for (const e of page) if (e.type === 'whisper.sent' && (all || e.payload.toAgentId === agent.id)) found.push(e);
    if (page.length < SLICE_PAGE) return found;
    afterSeq = page.at(-1)!.seq;
  }
}
