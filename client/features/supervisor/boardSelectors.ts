import { boardFigures, type BoardConversation, type BoardFigures, type BoardState } from '../../../shared/board.js';
import type { AgentId, ConversationId, QueueId } from '../../../shared/ids.js';
import { supervisorInjected, type SupervisorState, type WhisperEntry } from './supervisorSlice.js';

type WithSupervisor = { supervisor?: SupervisorState };
const supervisor = (state: WithSupervisor): SupervisorState => supervisorInjected.selectSlice(state);

export const selectBoard = (state: WithSupervisor): BoardState | null => supervisor(state).board;
export const selectBoardStatus = (state: WithSupervisor): SupervisorState['status'] => supervisor(state).status;
export const selectBoardStale = (state: WithSupervisor): boolean => supervisor(state).stale;
export const selectMonitoringId = (state: WithSupervisor): ConversationId | null => supervisor(state).monitoringId;

const NO_WHISPERS: WhisperEntry[] = [];
export const selectWhispers = (state: WithSupervisor, conversationId: ConversationId): WhisperEntry[] =>
  supervisor(state).whispers[conversationId] ?? NO_WHISPERS;

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
