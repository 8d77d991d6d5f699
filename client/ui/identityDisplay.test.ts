import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { Identity } from '../../shared/model.js';
import en from '../locales/en.json' with { type: 'json' };
import fr from '../locales/fr.json' with { type: 'json' };
import { citizenNameDisplay, displayText, identityDisplay } from './identityDisplay.js';

const i18n = i18next.createInstance();
await i18n.init({ resources: { fr: { translation: fr }, en: { translation: en } }, lng: 'fr', initAsync: false, interpolation: { escapeValue: false } });
const fr_ = i18n.getFixedT('fr');
const en_ = i18n.getFixedT('en');

const TOKEN = 'wcs_Q2xhaXJlbWVudCB1biBoYXNoIGRlIHNlc3Npb24gd2Vi';
const anonymous: Identity = { kind: 'webchat', value: TOKEN, level: 'channel' };
const signedIn: Identity = { kind: 'webchat', value: TOKEN, level: 'portal' };
const account: Identity = { kind: 'account', value: 'jeanne.martin@portail.example', level: 'portal' };
const email: Identity = { kind: 'email', value: 'jeanne@example.fr', level: 'unverified' };
const messenger: Identity = { kind: 'messenger', value: '6123456789012345', level: 'unverified' };

/** One identity as a line of the citizen panel: label, then value if any. */
const line = (i: Identity, all: Identity[], t = fr_) => {
  const d = identityDisplay(i, all);
  return [displayText(d.label, t), d.value].filter(Boolean).join(' ');
};

describe('identities as the console shows them', () => {
  it('never shows a web-chat session token, anonymous or signed in', () => {
    expect(line(anonymous, [anonymous, email])).toBe('Chat web (session anonyme)');
    expect(line(anonymous, [anonymous], en_)).toBe('Web chat (anonymous session)');
    expect(line(signedIn, [signedIn, account])).toBe('Chat web (compte vérifié) jeanne.martin@portail.example');
    expect(line(signedIn, [signedIn])).toBe('Chat web (compte vérifié)');
    for (const i of [anonymous, signedIn]) expect(line(i, [i, account, email])).not.toContain('wcs_');
  });

  it('shows the verified account, addresses and numbers as they are, and a platform id as a linked account', () => {
    expect(line(account, [account])).toBe('Compte usager jeanne.martin@portail.example');
    expect(line(email, [email])).toBe('E-mail jeanne@example.fr');
    expect(line({ kind: 'phone', value: '+33639980001', level: 'channel' }, [])).toBe('Téléphone +33639980001');
    expect(line(messenger, [messenger])).toBe('Messenger (compte lié)');
    expect(line(messenger, [messenger], en_)).toBe('Messenger (linked account)');
  });

  it('replaces a name that is only a technical id, and keeps every real name', () => {
    expect(displayText(citizenNameDisplay(TOKEN, ['webchat']), fr_)).toBe('Chat web (session anonyme)');
    expect(displayText(citizenNameDisplay('6123456789012345', ['messenger']), fr_)).toBe('Contact Messenger sans nom');
    expect(displayText(citizenNameDisplay('6123456789012345', ['instagram']), en_)).toBe('Unnamed Instagram contact');
    for (const name of ['Jeanne Martin', 'Visiteur web #Q2XH', 'jeanne@example.fr', '+33639980001', 'Compte portail CIT-0042']) {
      expect(displayText(citizenNameDisplay(name, ['webchat', 'messenger']), fr_)).toBe(name);
    }
  });
});
