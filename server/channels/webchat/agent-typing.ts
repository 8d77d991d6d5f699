import { STAFF_COMMANDS, can } from '../../../shared/index.js';
import type { AgentCommands } from '../../domain/agent-commands.js';
import { DomainError } from '../../domain/errors.js';
import { guardedListener } from '../../realtime/kit.js';
import type { AgentNamespace, AgentSocket } from './agent-namespace.js';

/** Fewer forwards than keystrokes: the console re-sends every few seconds anyway. */
const MIN_INTERVAL_MS = 1000;

/**
 * Relays the console's `conversation:typing` to the citizen's widgets. It lives with the web chat
 * rather than in the /agent gateway because only a web-chat citizen ever sees it; nothing is
 * journaled. The agent must be allowed to act on the conversation, like for a reply.
 */
export function relayAgentTyping(
  agents: AgentNamespace,
  commands: AgentCommands,
  toCitizen: (citizenId: string, typing: boolean) => void,
  log: (msg: string, err?: unknown) => void,
): () => void {
  const onConnection = (socket: AgentSocket) => {
    const last = new Map<string, { typing: boolean; at: number }>();
    socket.on('conversation:typing', guardedListener((raw: unknown) => {
      const agent = socket.data.agent;
      const { schema, permission } = STAFF_COMMANDS['conversation:typing'];
      const cmd = schema.safeParse(raw);
      if (!agent || !cmd.success || !can(agent.role, permission)) return;
      const { conversationId, typing } = cmd.data;
      const now = Date.now();
      const previous = last.get(conversationId);
      if (previous && previous.typing === typing && now - previous.at < MIN_INTERVAL_MS) return;
      last.set(conversationId, { typing, at: now });
      if (last.size > 50) last.delete(last.keys().next().value!);
      commands.reachable(agent, conversationId).then(
        (conversation) => toCitizen(conversation.citizenId, typing),
        // Not theirs to answer (or gone): say nothing, as for any refused command.
        (err: unknown) => {
          if (!(err instanceof DomainError)) log(`web chat: typing from ${agent.id} not relayed`, err);
        },
      );
    }, log, 'web chat: agent typing'));
  };
  agents.on('connection', onConnection);
  return () => agents.off('connection', onConnection);
}
