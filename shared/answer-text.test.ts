import { describe, expect, it } from 'vitest';
import { chooseVariant, fillPlaceholders, placeholderNames, placeholderValues, unfilledPlaceholders } from './answer-text.js';

const NOW = new Date('2027-03-01T09:30:00Z');

describe('placeholders', () => {
  it('names each placeholder once, in order, spaces inside the braces allowed', () => {
    expect(placeholderNames('Bonjour {{citoyen.nom}}, … {{ date.limite }} … {{citoyen.nom}}')).toEqual(['citoyen.nom', 'date.limite']);
    expect(placeholderNames('Aucun modèle ici, ni {accolade} simple.')).toEqual([]);
  });

  it('fills what has a value and lists the rest, left as written', () => {
    const text = 'Bonjour {{citoyen.nom}}, déposez votre dossier avant le {{date.limite}}. {{agent.prenom}}';
    expect(fillPlaceholders(text, { 'citoyen.nom': 'Mme Dos Santos', 'agent.prenom': 'Léa', 'date.limite': '  ' })).toEqual({
      text: 'Bonjour Mme Dos Santos, déposez votre dossier avant le {{date.limite}}. Léa',
      missing: ['date.limite'],
    });
  });

  it('finds every unfilled brace a citizen must not receive: whole placeholders, empty ones, stray halves', () => {
    expect(unfilledPlaceholders('Bonjour Mme Dos Santos, à bientôt.')).toEqual([]);
    expect(unfilledPlaceholders('Avant le {{date.limite}} et {{ }}.')).toEqual(['date.limite', '']);
    expect(unfilledPlaceholders('Bonjour {{citoyen.nom, merci')).toEqual(['{{']);
    expect(unfilledPlaceholders('Bonjour citoyen.nom}}')).toEqual(['}}']);
    // Single braces are ordinary text (a reference number, a smiley).
    expect(unfilledPlaceholders('Dossier {2027-114} :-}')).toEqual([]);
  });

  it('fills the citizen, the agent, the queue and today in the answer’s language', () => {
    const fr = placeholderValues({ citizenName: 'Mme Dos Santos', agentName: 'Léa Dubois', queueName: 'État civil', now: NOW, language: 'fr' });
    expect(fr).toEqual({ 'citoyen.nom': 'Mme Dos Santos', 'agent.nom': 'Léa Dubois', 'agent.prenom': 'Léa', 'service.nom': 'État civil', 'date.jour': '1 mars 2027' });
    expect(placeholderValues({ now: NOW, language: 'en' })['date.jour']).toBe('1 March 2027');
    // Today is the town's day: 23:30 UTC on 1 March is already 2 March in Paris.
    expect(placeholderValues({ now: new Date('2027-03-01T23:30:00Z'), language: 'fr' })['date.jour']).toBe('2 mars 2027');
  });

  it('never greets a citizen by their address: a name that is a phone number or an email is left to the agent', () => {
    expect(placeholderValues({ citizenName: '+33 6 12 34 56 78', now: NOW, language: 'fr' })['citoyen.nom']).toBeUndefined();
    expect(placeholderValues({ citizenName: 'k.benali@example.org', now: NOW, language: 'fr' })['citoyen.nom']).toBeUndefined();
  });
});

describe('variant choice', () => {
  const full = 'Madame, Monsieur,\n\nVotre carte d’identité est prête.\n\nCordialement,\nLe service État civil';
  const short = 'Votre carte d’identité est prête, retrait en mairie.';
  const spoken = 'Je vous confirme que votre carte est prête.';

  it('writes in full by email, short on messaging channels, aloud on the phone', () => {
    const variants = { email: full, short, phone: spoken };
    expect(chooseVariant(variants, 'email')).toEqual({ variant: 'email', text: full, limit: null, fits: true });
    for (const channel of ['whatsapp', 'messenger', 'instagram', 'telegram', 'webchat'] as const) {
      expect(chooseVariant(variants, channel)?.variant).toBe('short');
    }
    expect(chooseVariant(variants, 'phone')?.variant).toBe('phone');
  });

  it('falls back to what is written: the full text on WhatsApp when there is no short one, the short one by email', () => {
    expect(chooseVariant({ email: full }, 'whatsapp')).toEqual({ variant: 'email', text: full, limit: 4096, fits: true });
    expect(chooseVariant({ short }, 'email')?.variant).toBe('short');
    expect(chooseVariant({ phone: spoken }, 'telegram')?.variant).toBe('phone');
  });

  it('measures the filled text against the channel’s limit, and says when nothing fits', () => {
    const long = 'x'.repeat(990) + ' {{citoyen.nom}}';
    const fill = (t: string) => t.replace('{{citoyen.nom}}', 'Mme Dos Santos');
    // 990 + 1 + 14 = 1005 characters: over Instagram's 1000 once filled, not before.
    expect(chooseVariant({ short: long }, 'instagram', fill)).toMatchObject({ variant: 'short', limit: 1000, fits: false });
    expect(chooseVariant({ short: long }, 'messenger', fill)).toMatchObject({ variant: 'short', limit: 2000, fits: true });
    // A short text too long for Instagram gives way to a written one that fits.
    expect(chooseVariant({ short: long, phone: spoken }, 'instagram', fill)).toMatchObject({ variant: 'phone', fits: true });
    // Characters, not UTF-16 units: 1000 emoji fit.
    expect(chooseVariant({ short: '🙂'.repeat(1000) }, 'instagram')?.fits).toBe(true);
  });
});
