import { can, OfferAnswerCommand, SetAgentStateCommand, type Agent, type AgentStatus, type Conversation } from '../../../shared/index.js';
import { DomainError, parseOrReject } from '../errors.js';
import type { DirectoryStore, ReadModelStore } from '../ports.js';
import type { AssignmentService } from './assignment-service.js';

/** Roles routed work at all: presence only changes their state. */
const ROUTED: readonly Agent['role'][] = ['agent', 'supervisor'];

/** The staff-facing side of routing: state changes, offer answers, presence. Transports call these. */
export class AssignmentCommands {
  constructor(private readonly deps: { store: DirectoryStore & ReadModelStore; assignment: AssignmentService }) {}

  async setState(actor: Agent, raw: unknown): Promise<AgentStatus | null> {
    const cmd = parseOrReject(SetAgentStateCommand, raw, 'agent state');
    const targetId = cmd.agentId ?? actor.id;
    if (targetId === actor.id) return this.deps.assignment.setState(actor.id, cmd.state, 'agent', actor);
    if (!can(actor.role, 'agent:set-state')) throw new DomainError('forbidden', "only supervisors set another agent's state", { reason: 'supervisor_only' });
    if (!(await this.deps.store.getAgent(targetId))) throw new DomainError('not_found', 'no such agent');
    return this.deps.assignment.setState(targetId, cmd.state, 'supervisor', actor);
  }

  async statuses(actor: Agent): Promise<AgentStatus[]> {
    const all = await this.deps.store.listAgentStatuses();
    return can(actor.role, 'agent:set-state') ? all : all.filter((s) => s.agentId === actor.id);
  }

  accept(actor: Agent, raw: unknown): Promise<Conversation> {
    return this.deps.assignment.accept(actor, parseOrReject(OfferAnswerCommand, raw, 'offer').conversationId);
  }

  async decline(actor: Agent, raw: unknown): Promise<null> {
    await this.deps.assignment.decline(actor, parseOrReject(OfferAnswerCommand, raw, 'offer').conversationId);
    return null;
  }

  /**
   * Presence: the first console opening brings an offline agent to available; the last one
   * closing (on every instance) takes them offline. Away and busy, set by the agent, survive a
   * reconnect. Supervisors only step in now and then: opening the console does not make them
   * available, they choose it in the header.
   */
  async presence(agent: Agent, online: boolean): Promise<void> {
    if (!ROUTED.includes(agent.role)) return;
    const current = (await this.deps.store.listAgentStatuses()).find((s) => s.agentId === agent.id)?.state ?? 'offline';
    if (online && current === 'offline' && agent.role === 'agent') await this.deps.assignment.setState(agent.id, 'available', 'presence', agent);
    if (!online && current !== 'offline') await this.deps.assignment.setState(agent.id, 'offline', 'presence', agent);
  }
}
