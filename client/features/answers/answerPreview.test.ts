import { describe, expect, it } from 'vitest';
import type { Answer } from '../../../shared/answers.js';
import { previewAnswer } from './answerPreview.js';

const answer: Answer = {
  id: 'ans_passeport' as Answer['id'],
  version: 3,
  at: '2027-01-01T00:00:00Z',
  by: 'agt_sup' as Answer['by'],
  title: 'Passeport',
  theme: 'État civil',
  language: 'fr',
  variants: {
    email: 'Bonjour {{citoyen.nom}},\n\nRendez-vous avant le {{date.limite}}.\n\n{{agent.nom}}',
    short: 'Bonjour {{citoyen.nom}}, rendez-vous avant le {{date.limite}}. {{agent.prenom}}',
  },
  links: [],
  archived: false,
};
const ctx = { citizenName: 'Mme Dos Santos', agentName: 'Léa Dubois', queueName: 'État civil', now: new Date('2027-03-01T09:00:00Z') };

describe('answer preview', () => {
  it('fills the channel’s variant from the conversation and lists what the agent must still fill', () => {
    expect(previewAnswer(answer, 'whatsapp', ctx)).toMatchObject({
      variant: 'short',
      text: 'Bonjour Mme Dos Santos, rendez-vous avant le {{date.limite}}. Léa',
      missing: ['date.limite'],
      limit: 4096,
      fits: true,
    });
    expect(previewAnswer(answer, 'email', ctx)?.variant).toBe('email');
  });

  it('takes what the agent typed, over the automatic values too, and ignores blank entries', () => {
    const typed = { 'date.limite': '15 mars 2027', 'citoyen.nom': 'Madame Dos Santos', 'agent.prenom': '  ' };
    const preview = previewAnswer(answer, 'telegram', ctx, typed);
    expect(preview?.text).toBe('Bonjour Madame Dos Santos, rendez-vous avant le 15 mars 2027. Léa');
    expect(preview?.missing).toEqual([]);
    expect(preview?.length).toBe(preview?.text.length);
  });
});
