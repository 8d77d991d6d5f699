import type { InboundMessage } from '../../shared/index.js';
import type { DemoStep } from './demo-conversation.js';
import { TOWN_PHONE } from './demo-text.js';

// Every address and number here reaches nobody (reserved .example domains, ARCEP's fiction
// numbers: domain/fictitious.ts), so the demo's guard sends their replies to the sink.
// A few people the demo files twice on purpose, as a town's contact center sees every week: the
// same person by email and by Messenger, by phone and by an email signed with that number, by two
// mailboxes signed with the same name and postcode. Nothing links them automatically (only what a
// channel proves does), so a fresh `npm start` shows the duplicate suggestions in their panels.

export interface SplitRecordMessage {
  /** Hours before now. */
  hoursAgo: number;
  inbound: Omit<InboundMessage, 'externalId' | 'providerAt'>;
}

const call = (from: string, hoursAgo: number, text: string): SplitRecordMessage => ({
  hoursAgo,
  inbound: {
    channel: 'phone',
    from: { kind: 'phone', value: from, displayName: from, level: 'channel' },
    text,
    kind: 'call',
    call: { from, to: TOWN_PHONE, startedAt: new Date(0).toISOString(), outcome: 'answered', durationSec: 140 },
  },
});

export const SPLIT_RECORDS: readonly SplitRecordMessage[] = [
  {
    hoursAgo: 30,
    inbound: {
      channel: 'email',
      from: { kind: 'email', value: 'jm.lefevre@courriel.example', displayName: 'Jean-Marc Lefèvre', level: 'channel' },
      subject: 'Inscription sur les listes électorales',
      text: 'Bonjour,\n\nJe viens d’emménager et je souhaite m’inscrire sur les listes électorales. Quelles pièces faut-il ?\n\nCordialement,\nJean-Marc Lefèvre',
    },
  },
  {
    hoursAgo: 5,
    inbound: {
      channel: 'messenger',
      from: { kind: 'messenger', value: 'demo-psid-jm-lefevre', displayName: 'Jean-Marc Lefèvre', level: 'channel' },
      // The contact form's number (a fiction one): what makes this record a demo citizen whose
      // replies go to the sink, like every other demo record (demo-sender-guard.ts).
      alsoKnownAs: [{ kind: 'phone', value: '+33639981299' }],
      text: 'Bonjour, j’ai écrit par mail pour les listes électorales, sans réponse. Mon adresse : jm.lefevre@courriel.example',
    },
  },
  call('+33639981234', 50, 'Appel entrant — répondu, 2 min 20 s. Demande de rendez-vous pour une carte d’identité.'),
  {
    hoursAgo: 20,
    inbound: {
      channel: 'email',
      from: { kind: 'email', value: 'aicha.benali@courriel.example', displayName: 'Aïcha Benali', level: 'channel' },
      subject: 'Rendez-vous carte d’identité',
      text: 'Bonjour,\n\nSuite à mon appel d’hier, je confirme ma demande de rendez-vous pour une carte d’identité.\n\nAïcha Benali\nTél. 06 39 98 12 34',
    },
  },
  {
    hoursAgo: 72,
    inbound: {
      channel: 'email',
      from: { kind: 'email', value: 'sophie.marchand@messagerie.example', displayName: 'Sophie Marchand', level: 'channel' },
      subject: 'Ramassage des encombrants',
      text: 'Bonjour,\nQuand passe le ramassage des encombrants rue des Tilleuls ?\n\nSophie Marchand\n12 rue des Tilleuls\n13008 Marseille',
    },
  },
  {
    hoursAgo: 8,
    inbound: {
      channel: 'email',
      from: { kind: 'email', value: 'sophie.marchand@courriel.example', displayName: 'Sophie Marchand', level: 'channel' },
      subject: 'Encombrants (nouvelle adresse mail)',
      text: 'Bonjour,\nJe vous écris de ma nouvelle adresse : toujours pas de date pour les encombrants ?\n\nSophie Marchand\n13008 Marseille',
    },
  },
];

/** The split records as inbound steps of the demo history, at their times before `now`. */
export function splitRecordSteps(now: Date): DemoStep[] {
  return SPLIT_RECORDS.map(({ hoursAgo, inbound }, i): DemoStep => {
    const at = new Date(now.getTime() - hoursAgo * 3_600_000);
    const timed: Omit<InboundMessage, 'externalId' | 'providerAt'> = inbound.call
      ? { ...inbound, call: { ...inbound.call, startedAt: new Date(at.getTime() - 140_000).toISOString(), answeredAt: new Date(at.getTime() - 135_000).toISOString(), endedAt: at.toISOString() } }
      : inbound;
    return { type: 'inbound', at: at.toISOString(), conversation: `split-${i}`, message: { ...timed, externalId: `demo-split-${i}`, providerAt: at.toISOString() } };
  });
}
