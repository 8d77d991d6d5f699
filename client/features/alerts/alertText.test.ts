import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { ConversationId } from '../../../shared/ids.js';
import fr from '../../locales/fr.json' with { type: 'json' };
import { at, CONV, ME, offered } from '../../testing/fixtures.js';
import { alertOf, type AlertContext } from './alertRules.js';
import { describeAlert } from './alertText.js';

const i18n = i18next.createInstance();
await i18n.init({ resources: { fr: { translation: fr } }, lng: 'fr', initAsync: false, interpolation: { escapeValue: false } });

// A Messenger sender with no name is filed under their page-scoped id: a desktop notification,
// read outside the console, must not show it either.
const ctx = (citizenName: string): AlertContext => ({
  me: ME,
  conversation: (id: ConversationId) => (id === CONV ? { assigneeId: ME, citizenName, channels: ['messenger'] } : undefined),
  agents: [],
});

describe('describeAlert', () => {
  it('words a citizen known only by a platform id, and keeps a real name', () => {
    const offer = offered({ seq: 3, agentId: ME, expiresAt: at(2) });
    expect(describeAlert(alertOf(offer, ctx('6123456789012345'))!, i18n.t).body).toBe('Conversation avec Contact Messenger sans nom');
    expect(describeAlert(alertOf(offer, ctx('Jeanne Martin'))!, i18n.t).body).toBe('Conversation avec Jeanne Martin');
  });
});
