import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../../shared/journal.js';
import { assigned, CIT, CONV, CONV2, message, ME, opened, received, sent, statusChanged } from '../../testing/fixtures.js';
import { foldFrame } from './replayFrame.js';

const iso = (min: number) => new Date(Date.parse('2025-10-14T08:00:00.000Z') + min * 60_000).toISOString();

const context: JournalEvent[] = [
  {
    seq: 1, at: iso(-2000), actor: { kind: 'system' }, citizenId: CIT, type: 'citizen.created',
    payload: { displayName: 'Citoyen A', identities: [{ kind: 'email', value: 'citoyen-a@exemple.invalid', level: 'channel' }] },
  },
  opened({ seq: 2, at: iso(-2000), conversationId: CONV2 }),
  received({ seq: 3, at: iso(-2000), conversationId: CONV2, message: message({ id: 'msg_old', at: iso(-2000), conversationId: CONV2 }) }),
];
const events: JournalEvent[] = [
  opened({ seq: 10, at: iso(0) }),
  received({ seq: 11, at: iso(0), message: message({ id: 'msg_a', at: iso(0) }) }),
  assigned({ seq: 12, at: iso(100), assigneeId: ME }),
  sent({ seq: 13, at: iso(192), message: message({ id: 'msg_b', at: iso(192), direction: 'outbound', status: 'queued' }) }),
  statusChanged({ seq: 14, at: iso(200), status: 'resolved' }),
];

describe('the replayed screen', () => {
  it('shows the conversation as it stood at each event, with the citizen’s earlier history', () => {
    const input = { citizenId: CIT, conversationId: CONV, context, events };
    const before = foldFrame(input, -1);
    expect(before.conversation).toBeNull();
    expect(before.timeline.map((m) => m.id)).toEqual(['msg_old']);
    expect(before.citizen?.displayName).toBe('Citoyen A');

    const waiting = foldFrame(input, 2);
    expect(waiting.conversation).toMatchObject({ id: CONV, assigneeId: ME, status: 'open', waitingSince: iso(0) });
    expect(waiting.timeline.map((m) => m.id)).toEqual(['msg_old', 'msg_a']);
    expect(waiting.answeredWaitMs).toBeNull();
    // The assignment line is on the replayed screen from its instant on, the resolution after it.
    expect(waiting.activity.map((e) => e.seq)).toEqual([12]);
    expect(foldFrame(input, 1).activity).toEqual([]);
    expect(foldFrame(input, 4).activity.map((e) => e.type)).toEqual(['conversation.assigned', 'conversation.status']);

    const answered = foldFrame(input, 3);
    expect(answered.answeredWaitMs).toBe(192 * 60_000);
    expect(answered.conversation?.waitingSince).toBeNull();
    expect(answered.timeline.map((m) => m.id)).toEqual(['msg_old', 'msg_a', 'msg_b']);

    expect(foldFrame(input, 4).conversation).toMatchObject({ status: 'resolved', assigneeId: ME });
    expect(foldFrame(input, 4).answeredWaitMs).toBeNull();
  });

  it('follows the latest conversation in a citizen history', () => {
    const input = { citizenId: CIT, conversationId: null, context: [], events: [...context, ...events] };
    expect(foldFrame(input, 0).conversation).toBeNull();
    expect(foldFrame(input, 2).conversation?.id).toBe(CONV2);
    expect(foldFrame(input, 4).conversation?.id).toBe(CONV);
  });
});
