import { describe, expect, it } from 'vitest';
import type { ConversationElsewhere } from '../../../shared/api.js';
import type { Message } from '../../../shared/model.js';
import { assigned, ME, statusChanged } from '../../testing/fixtures.js';
import { timelineRows, type TimelineRow } from './conversationSelectors.js';

const m = (id: string, at: string) => ({ id, at }) as Message;
const away = (id: string, openedAt: string): ConversationElsewhere => ({ id, channels: ['email'], openedAt, lastActivityAt: openedAt });
const label = (r: TimelineRow) => (r.kind === 'message' ? r.message.id : r.kind === 'activity' ? `<${r.line.seq}>` : `[${r.conversation.id}]`);

describe('timeline rows', () => {
  const messages = [m('a', '2026-02-01'), m('b', '2026-03-01'), m('c', '2026-04-01')];

  it('places another service’s conversations where they began', () => {
    const rows = timelineRows(messages, [away('x', '2026-03-15'), away('y', '2026-01-01'), away('z', '2026-05-01')], false);
    expect(rows.map(label)).toEqual(['[y]', 'a', 'b', '[x]', 'c', '[z]']);
  });

  it('shows one older than the loaded history only once the history reaches back to it', () => {
    const rows = timelineRows(messages, [away('y', '2026-01-01'), away('x', '2026-03-15')], true);
    expect(rows.map(label)).toEqual(['a', 'b', '[x]', 'c']);
    expect(timelineRows([], [away('y', '2026-01-01')], false)).toHaveLength(1);
  });

  it('places assignment and status lines where they happened, before a message of the same instant', () => {
    const activity = [
      assigned({ seq: 1, at: '2026-01-15', assigneeId: ME }),
      assigned({ seq: 4, at: '2026-03-01', assigneeId: ME }),
      statusChanged({ seq: 9, at: '2026-04-02', status: 'resolved' }),
      statusChanged({ seq: 6, at: '2026-03-10', status: 'pending' }),
    ];
    expect(timelineRows(messages, [away('x', '2026-03-05')], false, activity).map(label)).toEqual(['<1>', 'a', '<4>', 'b', '[x]', '<6>', 'c', '<9>']);
    // Older than the loaded history: shown once paging back reaches it.
    expect(timelineRows(messages, [], true, activity).map(label)).toEqual(['a', '<4>', 'b', '<6>', 'c', '<9>']);
  });
});
