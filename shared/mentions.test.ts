import { describe, expect, it } from 'vitest';
import { mentionedAgents, mentionsIn } from './mentions.js';

const AGENTS = [
  { id: 'karim', displayName: 'Karim Haddad' },
  { id: 'helene', displayName: 'Hélène Testard' },
  { id: 'anne', displayName: 'Anne-Laure Petit' },
  { id: 'karimah', displayName: 'Karimah Diallo' },
];

describe('mentionedAgents', () => {
  it('finds a first name, a full name, with or without accents and case', () => {
    expect(mentionedAgents('@Karim peux-tu rappeler ?', AGENTS)).toEqual(['karim']);
    expect(mentionedAgents('Vu avec @karim haddad hier', AGENTS)).toEqual(['karim']);
    expect(mentionedAgents('@helene, merci', AGENTS)).toEqual(['helene']);
    expect(mentionedAgents('Merci @Hélène.', AGENTS)).toEqual(['helene']);
    expect(mentionedAgents('(@anne-laure)', AGENTS)).toEqual(['anne']);
    expect(mentionedAgents('@Anne-Laure.Petit voir pièce', AGENTS)).toEqual(['anne']);
  });

  it('tells a name from a longer one and from an e-mail address', () => {
    expect(mentionedAgents('@Karimah a la main', AGENTS)).toEqual(['karimah']);
    expect(mentionedAgents('écrire à karim@mairie.example', AGENTS)).toEqual([]);
    expect(mentionedAgents('@Karimo', AGENTS)).toEqual([]);
    expect(mentionedAgents('Karim sans arobase', AGENTS)).toEqual([]);
  });

  it('lists every agent mentioned, once each, in directory order', () => {
    expect(mentionedAgents('@Hélène et @Karim, puis @karim encore', AGENTS)).toEqual(['karim', 'helene']);
  });
});

describe('mentionsIn', () => {
  it('says where each mention is in the original text, accents and all, the longest form first', () => {
    const text = 'Vu avec @Hélène Testard, puis @KARIM et karim@mairie.example';
    const found = mentionsIn(text, AGENTS);
    expect(found.map((m) => [m.id, text.slice(m.start, m.end)])).toEqual([
      ['helene', '@Hélène Testard'],
      ['karim', '@KARIM'],
    ]);
  });
});
