import type { Namespace, Server as IoServer, Socket } from 'socket.io';
import type { Agent, ClientToServerEvents, ServerToClientEvents } from '../../../shared/index.js';

type AgentData = { agent?: Agent };

/** The staff namespace as the web chat sees it: the gateway's auth middleware sets `data.agent`. */
export type AgentNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, Record<string, never>, AgentData>;
export type AgentSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, AgentData>;

export function agentNamespace(io: IoServer): AgentNamespace {
  return io.of('/agent') as unknown as AgentNamespace;
}
