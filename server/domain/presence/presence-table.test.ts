import { describe, expect, it } from 'vitest';
import type { AgentId, ConversationId } from '../../../shared/index.js';
import { PresenceTable } from './presence-table.js';

const conv = 'conv_1' as ConversationId;
const other = 'conv_2' as ConversationId;
const lea = { agentId: 'agt_lea' as AgentId, name: 'Léa Dubois' };
const karim = { agentId: 'agt_karim' as AgentId, name: 'Karim Haddad' };
const T0 = Date.parse('2026-12-04T10:00:00Z');

describe('PresenceTable', () => {
  it('lists who is on a conversation and reports only real changes', () => {
    const table = new PresenceTable(10_000);
    expect(table.announce({ socketId: 's1', conversationId: conv, ...lea, activity: 'viewing' }, T0).changed).toBe(true);
    // A re-announce of the same activity changes nothing and keeps "since".
    expect(table.announce({ socketId: 's1', conversationId: conv, ...lea, activity: 'viewing' }, T0 + 4000).changed).toBe(false);
    expect(table.present(conv)).toEqual([{ ...lea, activity: 'viewing', since: new Date(T0).toISOString() }]);
    const typing = table.announce({ socketId: 's1', conversationId: conv, ...lea, activity: 'replying' }, T0 + 5000);
    expect(typing.changed).toBe(true);
    expect(typing.entry.since).toBe(new Date(T0 + 5000).toISOString());
    expect(table.present(other)).toEqual([]);
  });

  it('shows an agent with two consoles once, with the strongest activity', () => {
    const table = new PresenceTable(10_000);
    table.announce({ socketId: 's1', conversationId: conv, ...lea, activity: 'viewing' }, T0);
    table.announce({ socketId: 's2', conversationId: conv, ...lea, activity: 'noting' }, T0 + 10);
    table.announce({ socketId: 's3', conversationId: conv, ...karim, activity: 'viewing' }, T0 + 20);
    expect(table.present(conv).map((p) => [p.name, p.activity])).toEqual([
      ['Léa Dubois', 'noting'],
      ['Karim Haddad', 'viewing'],
    ]);
    // Léa's noting console closes: her viewing one remains.
    expect(table.remove('s2', null)).toEqual([conv]);
    expect(table.present(conv).map((p) => [p.name, p.activity])).toEqual([
      ['Léa Dubois', 'viewing'],
      ['Karim Haddad', 'viewing'],
    ]);
  });

  it('expires an entry not refreshed within the TTL, and only that one', () => {
    const table = new PresenceTable(10_000);
    table.announce({ socketId: 's1', conversationId: conv, ...lea, activity: 'viewing' }, T0);
    table.announce({ socketId: 's3', conversationId: conv, ...karim, activity: 'viewing' }, T0);
    table.announce({ socketId: 's3', conversationId: conv, ...karim, activity: 'viewing' }, T0 + 8000);
    expect(table.sweep(T0 + 10_000)).toEqual([]);
    expect(table.sweep(T0 + 10_001)).toEqual([conv]);
    expect(table.present(conv).map((p) => p.name)).toEqual(['Karim Haddad']);
    expect(table.sweep(T0 + 18_001)).toEqual([conv]);
    expect(table.present(conv)).toEqual([]);
  });

  it('takes a relayed entry as refreshed when it arrives, with the owner\'s "since"', () => {
    const table = new PresenceTable(10_000);
    const since = new Date(T0 - 60_000).toISOString();
    expect(table.put({ socketId: 'remote', conversationId: conv, ...lea, activity: 'replying', since }, T0)).toBe(true);
    expect(table.sweep(T0 + 9000)).toEqual([]);
    expect(table.present(conv)[0]?.since).toBe(since);
  });

  it('removes one conversation of a console, or all of them on disconnect', () => {
    const table = new PresenceTable(10_000);
    table.announce({ socketId: 's1', conversationId: conv, ...lea, activity: 'viewing' }, T0);
    table.announce({ socketId: 's1', conversationId: other, ...lea, activity: 'viewing' }, T0);
    expect(table.remove('s1', other)).toEqual([other]);
    expect(table.remove('s1', other)).toEqual([]);
    expect(table.remove('s1', null)).toEqual([conv]);
    expect(table.present(conv)).toEqual([]);
  });
});
