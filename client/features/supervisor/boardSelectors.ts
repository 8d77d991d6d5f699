import { boardFigures, type BoardConversation, type BoardFigures, type BoardState } from '../../../shared/board.js';
import type { AgentId, ConversationId, QueueId } from '../../../shared/ids.js';
import type { SupervisorState, WhisperEntry } from './supervisorSlice.js';

type WithSupervisor = { supervisor: SupervisorState };

export const selectBoard = (state: WithSupervisor): BoardState | null => state.supervisor.board;
export const selectBoardStatus = (state: WithSupervisor): SupervisorState['status'] => state.supervisor.status;
export const selectBoardStale = (state: WithSupervisor): boolean => state.supervisor.stale;
export const selectMonitoringId = (state: WithSupervisor): ConversationId | null => state.supervisor.monitoringId;

const NO_WHISPERS: WhisperEntry[] = [];
export const selectWhispers = (state: WithSupervisor, conversationId: ConversationId): WhisperEntry[] =>
  state.supervisor.whispers[conversationId] ?? NO_WHISPERS;

/** Figures at `now` for the directory's queues and staff who take conversations. */
export function figuresOf(board: BoardState, now: Date, queueIds: readonly QueueId[], agentIds: readonly AgentId[]): BoardFigures {
  return boardFigures(board, now, queueIds, agentIds);
}

/** Conversations nobody has taken yet, longest waiting first: what a supervisor dispatches. */
export function waitingConversations(board: BoardState): BoardConversation[] {
  return Object.values(board.conversations)
    .filter((c) => c.status !== 'resolved' && c.assigneeId === null)
    .sort((a, b) => ((a.waitingSince ?? a.openedAt) < (b.waitingSince ?? b.openedAt) ? -1 : 1));
}
