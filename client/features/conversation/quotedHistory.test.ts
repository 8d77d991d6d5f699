import { describe, expect, it } from 'vitest';
import { findQuoteCut, splitQuotedText, type QuoteNode } from './quotedHistory.js';

describe('splitQuotedText', () => {
  it('folds a French Gmail-style reply below its wrapped attribution line', () => {
    const text = [
      'Merci beaucoup, je passe demain.',
      '',
      'Le mar. 14 oct. 2025 à 10:12, Mairie de Test <contact@mairie.test>',
      'a écrit :',
      '> Bonjour Madame,',
      '> Votre demande est enregistrée.',
    ].join('\n');
    expect(splitQuotedText(text)).toEqual({
      fresh: 'Merci beaucoup, je passe demain.',
      quoted: 'Le mar. 14 oct. 2025 à 10:12, Mairie de Test <contact@mairie.test>\na écrit :\n> Bonjour Madame,\n> Votre demande est enregistrée.',
    });
  });

  it('folds English attributions, Outlook header blocks and separators', () => {
    expect(splitQuotedText('Thanks!\n\nOn Tue, Oct 14, 2025 at 10:12 AM Town Hall <c@m.test> wrote:\n> Hello').fresh).toBe('Thanks!');
    const outlook = 'Bien reçu.\r\n\r\nDe : Mairie de Test <contact@mairie.test>\r\nEnvoyé : mardi 14 octobre 2025 10:12\r\nÀ : Jeanne Dupont\r\nObjet : RE: Carte grise\r\n\r\nBonjour Madame,';
    expect(splitQuotedText(outlook)).toMatchObject({ fresh: 'Bien reçu.', quoted: expect.stringMatching(/^De : Mairie/) });
    expect(splitQuotedText('Oui.\n-----Message d\'origine-----\nDe : x').fresh).toBe('Oui.');
    expect(splitQuotedText('Oui.\n________________________________\nFrom: x\nSent: y\nSubject: z').fresh).toBe('Oui.');
    expect(splitQuotedText('Voici.\n\n> ancienne question\n>\n> suite').fresh).toBe('Voici.');
  });

  it('folds nothing when unsure: interleaved answers, nothing new above, a quote word in the text', () => {
    const interleaved = 'Bonjour,\n> Quel est votre numéro ?\n12345\n> Et votre date de naissance ?\n01/02/1980';
    expect(splitQuotedText(interleaved)).toEqual({ fresh: interleaved, quoted: '' });
    const onlyQuote = '> Bonjour\n> Madame';
    expect(splitQuotedText(onlyQuote).quoted).toBe('');
    const prose = 'Le dossier est complet.\nOn verra demain ce qui manque.\nDe plus, la pièce est signée.';
    expect(splitQuotedText(prose).quoted).toBe('');
  });
});

// A hand-built DOM: element names upper-case as in HTML documents, text nodes "#text".
const text = (value: string): QuoteNode => ({ nodeName: '#text', textContent: value, childNodes: [] });
const el = (name: string, ...children: QuoteNode[]): QuoteNode => ({
  nodeName: name.toUpperCase(),
  textContent: children.map((c) => c.textContent ?? '').join(''),
  childNodes: children,
});

describe('findQuoteCut', () => {
  it('cuts before the attribution block of a Gmail reply', () => {
    const body = el('body', el('div', text('Merci !')), el('br'), el('div', el('div', text('Le mar. 14 oct. 2025, Mairie a écrit :')), el('blockquote', el('p', text('Bonjour')))));
    expect(findQuoteCut(body)).toEqual([2]);
  });

  it("looks through Outlook's single section wrapper and cuts at the horizontal rule", () => {
    const section = el(
      'div',
      el('p', text('Bien reçu, merci.')),
      text('\n'),
      el('hr'),
      el('p', el('b', text('De :')), text(' Mairie '), el('b', text('Envoyé :')), text(' mardi '), el('b', text('Objet :')), text(' Carte grise')),
      el('p', text('Bonjour Madame')),
    );
    expect(findQuoteCut(el('body', text('\n'), section))).toEqual([1, 2]);
  });

  it('cuts before a bare blockquote, and not when nothing new precedes it', () => {
    expect(findQuoteCut(el('body', el('p', text('Voici')), el('blockquote', text('ancien'))))).toEqual([1]);
    expect(findQuoteCut(el('body', el('br'), el('blockquote', text('ancien'))))).toBeNull();
    expect(findQuoteCut(el('body', el('p', text('Pas de citation ici.'))))).toBeNull();
  });
});
