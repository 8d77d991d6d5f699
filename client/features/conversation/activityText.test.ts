import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { AgentId, CitizenId, ConversationId, QueueId } from '../../../shared/ids.js';
import type { JournalEvent } from '../../../shared/journal.js';
import type { Actor } from '../../../shared/model.js';
import { activityLines, mergeActivity, type ActivityEvent } from '../../../shared/timeline-activity.js';
import en from '../../locales/en.json' with { type: 'json' };
import fr from '../../locales/fr.json' with { type: 'json' };
import { activityText } from './activityText.js';

const i18n = i18next.createInstance();
await i18n.init({ resources: { fr: { translation: fr }, en: { translation: en } }, lng: 'fr', initAsync: false, interpolation: { escapeValue: false } });

const names: Record<string, string> = { agt_camille: 'Camille Martin', agt_nadia: 'Nadia Benali', agt_lea: 'Léa Dubois' };
const agentName = (id: string | undefined) => (id ? (names[id] ?? null) : null);
const staff = (id: string): Actor => ({ kind: 'agent', id, name: 'ancien nom' });
let seq = 0;
const env = (actor: Actor) => ({
  seq: ++seq,
  at: '2026-03-02T09:00:00.000Z',
  actor,
  citizenId: 'cit_1' as CitizenId,
  conversationId: 'conv_1' as ConversationId,
  queueId: 'que_1' as QueueId,
});
const assigned = (actor: Actor, assigneeId: string | null, previousAssigneeId: string | null = null): JournalEvent => ({
  ...env(actor),
  type: 'conversation.assigned',
  payload: { assigneeId: assigneeId as AgentId | null, previousAssigneeId: previousAssigneeId as AgentId | null },
});
const status = (actor: Actor, s: 'open' | 'pending' | 'resolved', previousStatus: 'open' | 'pending' | 'resolved'): JournalEvent => ({
  ...env(actor),
  type: 'conversation.status',
  payload: { status: s, previousStatus },
});

function sentences(events: JournalEvent[], lng: 'fr' | 'en'): string[] {
  const t = i18n.getFixedT(lng);
  return activityLines(mergeActivity([], events as ActivityEvent[])).map((line) => {
    const { key, values } = activityText(line, agentName, t('timeline.agent'));
    expect(i18n.exists(key, { lng }), key).toBe(true);
    return t(key, values);
  });
}

const story: JournalEvent[] = [
  assigned({ kind: 'system' }, 'agt_camille'),
  assigned(staff('agt_camille'), null, 'agt_camille'),
  assigned(staff('agt_camille'), 'agt_camille'),
  assigned(staff('agt_nadia'), 'agt_lea', 'agt_camille'),
  assigned(staff('agt_nadia'), null, 'agt_lea'),
  assigned({ kind: 'system' }, null, 'agt_camille'),
  status(staff('agt_nadia'), 'pending', 'open'),
  status({ kind: 'citizen', id: 'cit_1' }, 'open', 'pending'),
  status(staff('agt_lea'), 'resolved', 'open'),
  status(staff('agt_gone'), 'open', 'resolved'),
  status({ kind: 'system' }, 'resolved', 'open'),
];

describe('activity lines in words', () => {
  it('says who did what in French, with the directory’s names', () => {
    expect(sentences(story, 'fr')).toEqual([
      'Attribuée automatiquement à Camille Martin',
      'Camille Martin a remis la conversation dans la file',
      'Camille Martin a pris la conversation',
      'Attribuée à Léa Dubois par Nadia Benali',
      'Retirée à Léa Dubois par Nadia Benali',
      'Remise dans la file automatiquement (était attribuée à Camille Martin)',
      'Mise en attente par Nadia Benali',
      'Rouverte : nouveau message du citoyen',
      'Résolue par Léa Dubois',
      // Someone the directory no longer lists reads under the name the journal kept.
      'Rouverte par ancien nom',
      'Résolue automatiquement',
    ]);
  });

  it('says the same in English', () => {
    expect(sentences(story.slice(0, 4), 'en')).toEqual([
      'Assigned automatically to Camille Martin',
      'Camille Martin put the conversation back in the queue',
      'Camille Martin took the conversation',
      'Assigned to Léa Dubois by Nadia Benali',
    ]);
    expect(sentences([status(staff('agt_lea'), 'resolved', 'open')], 'en')).toEqual(['Resolved by Léa Dubois']);
  });
});
