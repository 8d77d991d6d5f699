import { describe, expect, it } from 'vitest';
import { foldBoard, type BoardState } from '../../../shared/board.js';
import type { EventOfType } from '../../../shared/journal.js';
import { journalEventReceived } from '../../realtime/actions.js';
import { assigned, at, CONV, CONV2, ME, opened } from '../../testing/fixtures.js';
import { selectWhispers, waitingConversations } from './boardSelectors.js';
import { initialSupervisorState, loadBoard, monitoringStarted, supervisorSlice, type SupervisorState } from './supervisorSlice.js';

const reducer = supervisorSlice.reducer;

function snapshot(state: SupervisorState, board: BoardState): SupervisorState {
  const pending = reducer(state, loadBoard.pending('s', undefined));
  return reducer(pending, loadBoard.fulfilled({ ok: true, data: board }, 's', undefined));
}

const whisper = (seq: number): EventOfType<'whisper.sent'> => ({
  ...assigned({ seq, assigneeId: ME }),
  actor: { kind: 'agent', id: 'agt_sup', name: 'Nadia' },
  type: 'whisper.sent',
  payload: { whisperId: `wsp_${seq}`, toAgentId: ME, text: 'Proposez un rendez-vous' },
});

describe('supervisor slice', () => {
  it('folds pushes that overtook the snapshot onto it, so none is lost', () => {
    // The server folded up to seq 1; seq 2 and 3 were pushed while the snapshot travelled.
    const server = foldBoard([opened({ seq: 1 })]);
    let s = reducer(initialSupervisorState, loadBoard.pending('s', undefined));
    s = reducer(s, journalEventReceived(opened({ seq: 2, conversationId: CONV2 })));
    s = reducer(s, journalEventReceived(assigned({ seq: 3, assigneeId: ME })));
    s = reducer(s, loadBoard.fulfilled({ ok: true, data: server }, 's', undefined));
    expect(s.status).toBe('ready');
    expect(s.board!.lastSeq).toBe(3);
    expect(waitingConversations(s.board!).map((c) => c.id)).toEqual([CONV2]);
    expect(s.board!.conversations[CONV]!.assigneeId).toBe(ME);
  });

  it('after a reconnect, keeps the old figures until the new snapshot and then equals the journal fold', () => {
    const events = [opened({ seq: 1 }), opened({ seq: 2, conversationId: CONV2 }), assigned({ seq: 3, assigneeId: ME })];
    let s = snapshot(initialSupervisorState, foldBoard(events.slice(0, 1)));
    s = reducer(s, loadBoard.pending('r', undefined));
    expect(s.status).toBe('ready');
    expect(s.board).not.toBeNull();
    s = reducer(s, journalEventReceived(events[2]!));
    s = reducer(s, loadBoard.fulfilled({ ok: true, data: foldBoard(events.slice(0, 2)) }, 'r', undefined));
    expect(s.board).toEqual(foldBoard(events));
  });

  it('asks for a new snapshot when a push concerns a conversation the board does not hold', () => {
    let s = snapshot(initialSupervisorState, foldBoard([opened({ seq: 1 })]));
    s = reducer(s, journalEventReceived(assigned({ seq: 2, assigneeId: ME })));
    expect(s.stale).toBe(false);
    s = reducer(s, journalEventReceived(assigned({ seq: 3, conversationId: CONV2, assigneeId: ME })));
    expect(s.stale).toBe(true);
    expect(reducer(s, loadBoard.pending('again', undefined)).stale).toBe(false);
  });

  it('keeps whispers per conversation once, even when catch-up replays them', () => {
    let s = reducer(initialSupervisorState, journalEventReceived(whisper(4)));
    s = reducer(s, journalEventReceived(whisper(4), false));
    const list = selectWhispers({ supervisor: s }, CONV);
    expect(list).toEqual([{ whisperId: 'wsp_4', conversationId: CONV, text: 'Proposez un rendez-vous', at: at(4), fromName: 'Nadia' }]);
  });

  it('remembers the monitored conversation, which the app never marks read', () => {
    expect(reducer(initialSupervisorState, monitoringStarted(CONV)).monitoringId).toBe(CONV);
  });
});
