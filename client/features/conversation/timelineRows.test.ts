import { describe, expect, it } from 'vitest';
import type { ConversationElsewhere } from '../../../shared/api.js';
import type { Message } from '../../../shared/model.js';
import { timelineRows } from './conversationSelectors.js';

const m = (id: string, at: string) => ({ id, at }) as Message;
const away = (id: string, openedAt: string): ConversationElsewhere => ({ id, channels: ['email'], openedAt, lastActivityAt: openedAt });

describe('timeline rows', () => {
  const messages = [m('a', '2026-02-01'), m('b', '2026-03-01'), m('c', '2026-04-01')];

  it('places another service’s conversations where they began', () => {
    const rows = timelineRows(messages, [away('x', '2026-03-15'), away('y', '2026-01-01'), away('z', '2026-05-01')], false);
    expect(rows.map((r) => (r.kind === 'message' ? r.message.id : `[${r.conversation.id}]`))).toEqual(['[y]', 'a', 'b', '[x]', 'c', '[z]']);
  });

  it('shows one older than the loaded history only once the history reaches back to it', () => {
    const rows = timelineRows(messages, [away('y', '2026-01-01'), away('x', '2026-03-15')], true);
    expect(rows.map((r) => (r.kind === 'message' ? r.message.id : `[${r.conversation.id}]`))).toEqual(['a', 'b', '[x]', 'c']);
    expect(timelineRows([], [away('y', '2026-01-01')], false)).toHaveLength(1);
  });
});
