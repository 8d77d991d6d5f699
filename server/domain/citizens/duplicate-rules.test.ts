import { describe, expect, it } from 'vitest';
import { contactHintsOf, NO_HINTS } from './contact-hints.js';
import { duplicateReasons, nameKey, type DuplicateProfile } from './duplicate-rules.js';

const profile = (displayName: string, identities: DuplicateProfile['identities'], text = ''): DuplicateProfile => ({
  displayName,
  identities,
  hints: text ? contactHintsOf(text) : NO_HINTS,
});

describe('contact hints', () => {
  it('reads the phone, address and postcode of a signature, in any spelling', () => {
    const hints = contactHintsOf('Bonjour,\nmerci.\n\nJean Dupont\n12 rue des Lilas\n75011 Paris\nTél. 06 12 34 56 78 — jean.dupont@Orange.fr');
    expect(hints).toEqual({ phones: ['+33612345678'], emails: ['jean.dupont@orange.fr'], postcodes: ['75011'] });
  });

  it('reads a number of ARCEP’s fiction blocks too (possible, though not assigned)', () => {
    expect(contactHintsOf('Aïcha Benali\nTél. 06 39 98 12 34').phones).toEqual(['+33639981234']);
  });

  it('does not take an amount or a file number for a postcode', () => {
    expect(contactHintsOf('La redevance est de 12000 euros, dossier 20260 en cours').postcodes).toEqual([]);
  });
});

describe('duplicate reasons', () => {
  it('a phone number held by one and written in the other’s signature', () => {
    const caller = profile('Jean Dupont', [{ kind: 'phone', value: '+33612345678' }]);
    const mailer = profile('J. Dupont', [{ kind: 'email', value: 'jd@example.fr' }], 'Cordialement\nJ. Dupont\n06.12.34.56.78');
    expect(duplicateReasons(caller, mailer)).toEqual(['same_phone']);
    expect(duplicateReasons(mailer, caller)).toEqual(['same_phone']);
  });

  it('a number both only wrote (the town hall’s) is no reason', () => {
    const a = profile('Jean Dupont', [{ kind: 'email', value: 'a@example.fr' }], 'vous m’avez dit d’appeler le 01 23 45 67 89');
    const b = profile('Marie Curie', [{ kind: 'email', value: 'b@example.fr' }], 'j’ai appelé le 01 23 45 67 89');
    expect(duplicateReasons(a, b)).toEqual([]);
  });

  it('an address typed in a chat that another record was proved by', () => {
    const chat = profile('Visiteur', [{ kind: 'webchat', value: 'wc_1' }], 'mon mail : Camille.Martin@example.fr');
    const mail = profile('Camille Martin', [{ kind: 'email', value: 'camille.martin@example.fr' }]);
    expect(duplicateReasons(chat, mail)).toEqual(['same_email']);
  });

  it('the same name with the same email local part, or the same postcode', () => {
    const gmail = profile('Jean DUPONT', [{ kind: 'email', value: 'jean.dupont@gmail.com' }], 'Jean Dupont\n69003 Lyon');
    const orange = profile('Dupont Jean', [{ kind: 'email', value: 'jean.dupont@orange.fr' }], 'J Dupont, 69003 LYON');
    expect(duplicateReasons(gmail, orange)).toEqual(['same_email_local_and_name', 'same_name_and_postcode']);
  });

  it('a shared name alone, or a first name, is never enough', () => {
    expect(duplicateReasons(profile('Jean Dupont', [{ kind: 'email', value: 'a@x.fr' }]), profile('Jean Dupont', [{ kind: 'email', value: 'b@y.fr' }]))).toEqual([]);
    expect(nameKey('Jean')).toBeNull();
    expect(nameKey('  DUPONT, Jéan ')).toBe(nameKey('jean dupont'));
  });
});
