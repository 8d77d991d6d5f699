import { describe, expect, it } from 'vitest';
import { mentionedAgents } from '../../../shared/mentions.js';
import { colleaguesMatching, insertMention, mentionQueryAt } from './mentionDraft.js';

const staff = [
  { id: 'agt_lea', displayName: 'Léa Dubois' },
  { id: 'agt_karim', displayName: 'Karim Haddad' },
  { id: 'agt_paul', displayName: 'Paul Kaplan' },
  { id: 'agt_anne', displayName: 'Anne-Laure Petit' },
];

describe('the @ of a note', () => {
  it('finds the mention being typed before the caret, not an email address', () => {
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQueryAt('Peux-tu voir @lé', 16)).toEqual({ start: 13, query: 'lé' });
    expect(mentionQueryAt('voir @Léa Du', 12)).toEqual({ start: 5, query: 'Léa Du' });
    expect(mentionQueryAt('écrire à karim@mairie.fr', 24)).toBeNull();
    expect(mentionQueryAt('@léa merci beaucoup', 19)).toBeNull();
    // The caret decides: typing before an earlier mention.
    expect(mentionQueryAt('@ka plus loin', 3)).toEqual({ start: 0, query: 'ka' });
  });

  it('offers colleagues by the start of their first or last name, accents optional, first names first', () => {
    expect(colleaguesMatching('lea', staff).map((a) => a.id)).toEqual(['agt_lea']);
    expect(colleaguesMatching('ka', staff).map((a) => a.id)).toEqual(['agt_karim', 'agt_paul']);
    expect(colleaguesMatching('laure', staff).map((a) => a.id)).toEqual(['agt_anne']);
    expect(colleaguesMatching('léa du', staff).map((a) => a.id)).toEqual(['agt_lea']);
    expect(colleaguesMatching('du léa', staff)).toEqual([]);
    expect(colleaguesMatching('', staff, 2)).toHaveLength(2);
  });

  it('inserts the full name, which the server then reads as a mention of that colleague', () => {
    const text = 'Voir @ka avec lui';
    const at = mentionQueryAt(text, 8)!;
    const done = insertMention(text, at, 8, staff[1]!);
    expect(done).toEqual({ text: 'Voir @Karim Haddad avec lui', caret: 19 });
    expect(mentionedAgents(done.text, staff)).toEqual(['agt_karim']);
  });
});
