import { describe, expect, it } from 'vitest';
import { messageOf, type AgentId, type CitizenId, type ConversationId, type JournalEvent, type Message, type MessageId, type QueueId } from '../../../shared/index.js';
import { foldKey } from './fold.js';
import {
  ADDRESSES,
  CLEAN_SAMPLE,
  COMMON_NAMED_CITIZENS,
  IBANS,
  MESSAGES,
  NIRS,
  PHONE_SPELLINGS,
  REAL_VALUES,
  SECOND,
  SUBJECT,
} from './french-corpus.test-data.js';
import { maskEvent } from './mask-event.js';
import { Masker, type MaskerConfig } from './masker.js';
import { phoneKey } from './phones.js';

const STAFF = ['Camille Martin', 'Nadia Benali', 'Julien Moreau'];

function config(over: Partial<MaskerConfig> = {}): MaskerConfig {
  return {
    secret: 'test-secret-0123456789',
    scope: 'conversation:conv_1',
    staffNames: STAFF,
    citizens: [
      {
        citizenId: SUBJECT.citizenId,
        names: [SUBJECT.displayName, SUBJECT.senderName],
        identities: [
          { kind: 'email', value: SUBJECT.email },
          { kind: 'phone', value: SUBJECT.phoneE164 },
          { kind: 'whatsapp', value: SUBJECT.phoneE164 },
          { kind: 'messenger', value: SUBJECT.messenger },
          { kind: 'webchat', value: SUBJECT.webchat },
        ],
      },
      { citizenId: SECOND.citizenId, names: [SECOND.displayName], identities: [{ kind: 'email', value: SECOND.email }, { kind: 'phone', value: SECOND.phoneE164 }] },
    ],
    ...over,
  };
}

/** Case-, accent- and apostrophe-insensitive: "helene" must not survive as "Hélène" either. */
function leaks(output: string, values: readonly string[] = REAL_VALUES): string[] {
  const folded = foldKey(output);
  return values.filter((v) => folded.includes(foldKey(v)));
}

const digitsOf = (s: string) => s.replace(/\D/g, '');

describe('masking a French corpus', () => {
  it('masks every personal value of every message, on every channel', () => {
    const masker = new Masker(config());
    for (const [channel, text] of Object.entries(MESSAGES)) {
      const masked = channel === 'html' ? masker.html(text) : masker.text(text);
      expect(leaks(masked), `${channel}: ${masked}`).toEqual([]);
      expect(masked, channel).not.toBe(text);
    }
  });

  it('gives the subject citizen "Citoyen A" in every spelling of her name, and other people other letters', () => {
    const masker = new Masker(config());
    expect(masker.citizenLabel(SUBJECT.citizenId)).toBe('Citoyen A');
    expect(masker.citizenLabel(SECOND.citizenId)).toBe('Citoyen B');
    expect(masker.text('Hélène de La Tour d’Auvergne')).toBe('Citoyen A');
    expect(masker.text('HELENE DE LA TOUR D\'AUVERGNE')).toBe('Citoyen A');
    expect(masker.text('Bonjour Madame de La Tour d’Auvergne,')).toBe('Bonjour Madame Citoyen A,');
    expect(masker.text('Merci Hélène !')).toBe('Merci Citoyen A !');
    expect(masker.text('Dossier de M. Jean-Pierre Le Goff')).toBe('Dossier de M. Citoyen B');
    // Names only the text announces get letters of their own, in reading order.
    const parents = masker.text('Père : Jean-Claude Moreau\nMère : Aïcha N’Diaye');
    expect(parents).toBe('Père : Personne C\nMère : Personne D');
    expect(masker.text('Mère : Aïcha N’Diaye')).toBe('Mère : Personne D');
  });

  it('maps every spelling of a phone number to one fake number from the fiction range, keeping the spelling style', () => {
    const masker = new Masker(config());
    const fakes = PHONE_SPELLINGS.map((p) => masker.text(`Appelez le ${p} svp`).slice('Appelez le '.length, -' svp'.length));
    const keys = new Set(fakes.map((f) => phoneKey(f)));
    expect(keys.size).toBe(1);
    const [key] = [...keys];
    expect(key).toMatch(/^3363998\d{4}$/);
    expect(fakes[0]).toMatch(/^06 39 98 \d\d \d\d$/);
    expect(fakes[1]).toMatch(/^06\.39\.98\.\d\d\.\d\d$/);
    expect(fakes[3]).toMatch(/^06399\d{5}$/);
    expect(fakes[4]).toMatch(/^\+33 6 39 98 \d\d \d\d$/);
    expect(fakes[6]).toMatch(/^\+33 \(0\)6 39 98 \d\d \d\d$/);
    for (const f of fakes) expect(digitsOf(f)).not.toContain('12345678');
    // The identity record, the WhatsApp id and the text agree: one person, one fake number.
    expect(phoneKey(masker.identity({ kind: 'phone', value: SUBJECT.phoneE164 }).value)).toBe(key);
    expect(phoneKey(masker.identity({ kind: 'whatsapp', value: SUBJECT.phoneE164 }).value)).toBe(key);
    expect(phoneKey(masker.phoneValue('+33612345678'))).toBe(key);
  });

  it('keeps different numbers apart, and landlines and foreign numbers masked too', () => {
    const masker = new Masker(config());
    const out = masker.text('Mobile 06 12 34 56 78, fixe 02 40 12 34 56, Londres +44 20 7946 0958, autre 07 81 23 45 67.');
    const numbers = out.match(/(?:\+33 |0)[1-9](?:[ .]?\d{2}){4}/g) ?? [];
    expect(numbers).toHaveLength(4);
    expect(new Set(numbers.map(phoneKey)).size).toBe(4);
    expect(leaks(out, ['12 34 56 78', '40 12 34 56', '7946', '81 23 45 67'])).toEqual([]);
    expect(out).toMatch(/fixe 01 99 00 \d\d \d\d/);
  });

  it('masks e-mail addresses consistently, as the owner’s when the address is a known identity', () => {
    const masker = new Masker(config());
    expect(masker.text(`Écrivez à ${SUBJECT.email} ou HELENE.DELATOUR@ORANGE.FR`)).toBe('Écrivez à citoyen-a@exemple.invalid ou citoyen-a@exemple.invalid');
    expect(masker.identity({ kind: 'email', value: SUBJECT.email }).value).toBe('citoyen-a@exemple.invalid');
    expect(masker.identity({ kind: 'email', value: SECOND.email }).value).toBe('citoyen-b@exemple.invalid');
    const stranger = masker.text('copie à voisin.du.dessus@gmail.com');
    expect(stranger).toMatch(/^copie à contact-[a-z2-9]{6}@exemple\.invalid$/);
    expect(masker.text('voisin.du.dessus@gmail.com')).toBe(stranger.slice('copie à '.length));
  });

  it('masks postal addresses, IBANs and NIRs, with fakes that cannot be real', () => {
    const masker = new Masker(config());
    for (const address of ADDRESSES) {
      const out = masker.text(`J’habite au ${address}.`);
      expect(leaks(out, ['République', 'Église', 'Clos Fleuri', 'Jean-Jaurès', '8-Mai-1945', 'Châtaigniers', '44150']), out).toEqual([]);
    }
    expect(masker.text('12 bis rue de la République, 44150 Saint-Aubin')).toMatch(/^\d+ [^,]+, 00\d{3} \S+$/);
    expect(masker.text('44150 Saint-Aubin')).toBe(masker.text('12 bis rue de la République, 44150 Saint-Aubin').split(', ')[1]);
    for (const iban of IBANS) {
      const out = masker.text(`IBAN : ${iban}.`);
      expect(out).toMatch(/IBAN : [A-Z]{2}00[\d ]+\.$/);
      expect(out.length).toBe(`IBAN : ${iban}.`.length);
      expect(digitsOf(out)).not.toContain(digitsOf(iban).slice(4, 14));
    }
    for (const nir of NIRS) {
      const out = masker.text(`NIR ${nir} !`);
      expect(out).not.toContain(nir);
      expect(digitsOf(out)).not.toContain(digitsOf(nir).slice(3, 10));
      if (digitsOf(nir).length >= 15) expect(out.replace(/ !$/, '')).toMatch(/00$/);
    }
    // The same NIR with or without its key: same person, same fake body.
    expect(masker.text('2 84 05 75 123 456').replace(/\s/g, '')).toBe(masker.text('2 84 05 75 123 456 78').replace(/\s/g, '').slice(0, 13));
  });

  it('masks social ids, session ids, handles and profile links', () => {
    const masker = new Masker(config());
    const out = masker.text(`Messenger ${SUBJECT.messenger}, chat ${SUBJECT.webchat}, Instagram @helene_dlt, https://www.facebook.com/helene.dlt.75`);
    expect(leaks(out, [SUBJECT.messenger, SUBJECT.webchat, 'helene_dlt', 'helene.dlt'])).toEqual([]);
    expect(masker.identity({ kind: 'messenger', value: SUBJECT.messenger }).value).toBe(out.split(',')[0]!.replace('Messenger ', ''));
  });

  it('leaves a clean French sample untouched, even with citizens named Rose Petit, Pierre Blanc, Minh Vu or Mai Lê', () => {
    const masker = new Masker(config({ citizens: [...config().citizens, ...COMMON_NAMED_CITIZENS] }));
    expect(masker.text(CLEAN_SAMPLE)).toBe(CLEAN_SAMPLE);
    expect(masker.html(`<p>${CLEAN_SAMPLE.replace(/\n/g, '<br>')}</p>`)).toBe(`<p>${CLEAN_SAMPLE.replace(/\n/g, '<br>')}</p>`);
    // ...while the same people are still masked where the text names them.
    expect(masker.text('Madame Rose Petit et M. Blanc, MINH VU, Mme Lê')).toBe('Madame Citoyen C et M. Citoyen D, Citoyen E, Mme Citoyen E');
    // An ordinary-word family name right after a first name is a relative's name: masked too.
    expect(masker.text('Il s’agit de Simone Petit, décédée le 3.')).toMatch(/^Il s’agit de Personne [A-Z], décédée le 3\.$/);
    expect(masker.text('Un petit rappel, Petit Poucet.')).toBe('Un petit rappel, Petit Poucet.');
  });

  it('keeps staff names readable, and the citizen’s name masked beside them', () => {
    const masker = new Masker(config());
    const out = masker.text(MESSAGES.agentReply);
    expect(out).toContain('Camille Martin\nService État civil — Mairie de Saint-Aubin');
    expect(out).toContain('Bonjour Madame Citoyen A,');
  });

  it('keeps an @mention of a colleague readable, and still masks the citizen and any other handle', () => {
    const masker = new Masker(config());
    // The handle detector alone would have made "@Nadia" a pseudonymous account ("@usager_…").
    expect(masker.text('@Nadia peux-tu rappeler Hélène de La Tour d’Auvergne ?')).toBe('@Nadia peux-tu rappeler Citoyen A ?');
    expect(masker.text('Vu avec @Camille Martin et @julien.moreau, merci @Nadia.')).toBe('Vu avec @Camille Martin et @julien.moreau, merci @Nadia.');
    // Not staff: an "@" before the citizen's name, or a social handle, is masked as before.
    for (const text of ['Rappeler @Helene demain', 'Son compte Instagram est @helene_dlt']) {
      const out = masker.text(text);
      expect(leaks(out, ['helene'])).toEqual([]);
      expect(out).toMatch(/@usager_[a-z2-9]+/);
    }
  });

  it('masks e-mail HTML in text nodes and attributes, and keeps the markup', () => {
    const masker = new Masker(config());
    const out = masker.html(MESSAGES.html);
    const tags = (html: string) => (html.match(/<\/?[a-z]+/g) ?? []).join(' ');
    expect(tags(out)).toBe(tags(MESSAGES.html));
    expect(leaks(out)).toEqual([]);
    expect(out).toContain('href="mailto:citoyen-a@exemple.invalid"');
    expect(out).toMatch(/href="tel:\+33639\d+"/);
    expect(out).toContain('title="Écrire à Citoyen A"');
    // The same number in the text node and in the link: one fake.
    const inText = /06&nbsp;(\d\d)&nbsp;(\d\d)&nbsp;(\d\d)&nbsp;(\d\d)/.exec(out);
    expect(inText).not.toBeNull();
    expect(out).toContain(`tel:+336${inText!.slice(1).join('')}`);
  });

  it('is deterministic per replay and secret, and differs across replays and secrets', () => {
    const text = `${MESSAGES.email}\n${MESSAGES.whatsapp}`;
    const a = new Masker(config()).text(text);
    expect(new Masker(config()).text(text)).toBe(a);
    expect(new Masker(config({ scope: 'conversation:conv_2' })).text(text)).not.toBe(a);
    expect(new Masker(config({ secret: 'another-secret-987654' })).text(text)).not.toBe(a);
  });
});

describe('masking journal events', () => {
  const citizenId = SUBJECT.citizenId as CitizenId;
  const conversationId = 'conv_1' as ConversationId;
  const queueId = 'que_1' as QueueId;
  const base = { citizenId, conversationId, queueId };
  const message = (over: Partial<Message>): Message => ({
    id: 'msg_1' as MessageId,
    conversationId,
    citizenId,
    direction: 'inbound',
    channel: 'email',
    kind: 'text',
    author: { kind: 'citizen', id: citizenId, name: SUBJECT.senderName },
    text: MESSAGES.email,
    attachments: [],
    at: '2025-10-14T08:00:00.000Z',
    status: 'received',
    ...over,
  });
  const events: JournalEvent[] = [
    { ...base, seq: 1, at: '2025-10-14T08:00:00.000Z', actor: { kind: 'citizen', id: citizenId }, type: 'citizen.created', payload: { displayName: SUBJECT.displayName, identities: [{ kind: 'email', value: SUBJECT.email, level: 'channel' }] } },
    { ...base, seq: 2, at: '2025-10-14T08:00:00.000Z', actor: { kind: 'citizen', id: citizenId }, type: 'conversation.opened', payload: { citizenName: SUBJECT.displayName, queueId, channel: 'email', priority: 'normal', subject: 'Acte de naissance — Hélène de La Tour d’Auvergne' } },
    {
      ...base, seq: 3, at: '2025-10-14T08:00:00.000Z', actor: { kind: 'citizen', id: citizenId }, type: 'message.received',
      payload: { message: message({ subject: 'Acte — H. de La Tour d’Auvergne', html: MESSAGES.html, externalId: `<abc@orange.fr>`, attachments: [{ name: 'piece_identite_de_la_tour.pdf', contentType: 'application/pdf', size: 1200, blobId: 'blob_1' }] }) },
    },
    { ...base, seq: 4, at: '2025-10-14T09:00:00.000Z', actor: { kind: 'citizen', id: citizenId }, type: 'identity.linked', payload: { identity: { kind: 'whatsapp', value: SUBJECT.phoneE164, level: 'unverified' } } },
    {
      ...base, seq: 5, at: '2025-10-14T09:30:00.000Z', actor: { kind: 'citizen', id: citizenId }, type: 'message.received',
      payload: { message: message({ id: 'msg_2' as MessageId, channel: 'phone', kind: 'call', text: MESSAGES.voicemail, call: { from: SUBJECT.phoneE164, to: '+33240123400', startedAt: '2025-10-14T09:29:00.000Z', outcome: 'voicemail', recordingUrl: 'https://calls.example/rec/123.mp3' } }) },
    },
    { ...base, seq: 6, at: '2025-10-14T10:00:00.000Z', actor: { kind: 'agent', id: 'agt_camille', name: 'Camille Martin' }, type: 'conversation.assigned', payload: { assigneeId: 'agt_camille' as AgentId, previousAssigneeId: null } },
    {
      ...base, seq: 7, at: '2025-10-14T10:05:00.000Z', actor: { kind: 'agent', id: 'agt_camille', name: 'Camille Martin' }, type: 'message.sent',
      payload: { message: message({ id: 'msg_3' as MessageId, direction: 'outbound', author: { kind: 'agent', id: 'agt_camille', name: 'Camille Martin' }, text: MESSAGES.agentReply, status: 'queued' }) },
    },
    { ...base, seq: 8, at: '2025-10-14T10:06:00.000Z', actor: { kind: 'system' }, type: 'message.status', payload: { messageId: 'msg_3' as MessageId, status: 'failed', reason: `550 mailbox ${SUBJECT.email} unknown`, providerMessageId: '<x@orange.fr>' } },
  ];

  it('masks the profile agents edit: names, identities, notes, how and why', () => {
    const masker = new Masker(config());
    const agentActor = { kind: 'agent' as const, id: 'agt_camille', name: 'Camille Martin' };
    const profile: JournalEvent[] = [
      { ...base, seq: 20, at: '2025-10-15T08:00:00.000Z', actor: agentActor, type: 'citizen.renamed', payload: { displayName: SUBJECT.displayName, previous: SUBJECT.email } },
      { ...base, seq: 21, at: '2025-10-15T08:01:00.000Z', actor: agentActor, type: 'citizen.note-added', payload: { noteId: 'note_1', text: `Joindre ${SUBJECT.displayName} au ${SUBJECT.phoneE164}` } },
      { ...base, seq: 22, at: '2025-10-15T08:02:00.000Z', actor: agentActor, type: 'identity.confirmed', payload: { identity: { kind: 'whatsapp', value: SUBJECT.phoneE164 }, level: 'confirmed', how: `rappel au ${SUBJECT.phoneE164}` } },
      { ...base, seq: 23, at: '2025-10-15T08:03:00.000Z', actor: agentActor, type: 'identity.unlinked', payload: { identity: { kind: 'email', value: SUBJECT.email }, reason: `adresse de ${SUBJECT.displayName}`, claim: `identity:email:${SUBJECT.email}` } },
      { ...base, seq: 24, at: '2025-10-15T08:04:00.000Z', actor: agentActor, type: 'identity.linked', payload: { identity: { kind: 'email', value: SUBJECT.email, level: 'confirmed', confirmation: { agentId: 'agt_camille' as AgentId, at: '2025-10-15T08:04:00.000Z', how: `appel au ${SUBJECT.phoneE164}` } }, by: 'agt_camille' as AgentId } },
    ];
    const json = JSON.stringify([...events, ...profile].map((e) => maskEvent(e, masker).event).slice(events.length));
    expect(leaks(json, [...REAL_VALUES, SUBJECT.phoneE164, SUBJECT.email])).toEqual([]);
    expect(json).toContain('Citoyen A');
  });

  it('keeps the envelope and masks every payload', () => {
    const masker = new Masker(config());
    const masked = events.map((e) => maskEvent(e, masker));
    masked.forEach(({ event }, i) => {
      const original = events[i]!;
      expect({ seq: event.seq, at: event.at, type: event.type, citizenId: event.citizenId, conversationId: event.conversationId, queueId: event.queueId }).toEqual({
        seq: original.seq, at: original.at, type: original.type, citizenId: original.citizenId, conversationId: original.conversationId, queueId: original.queueId,
      });
    });
    const json = JSON.stringify(masked.map((m) => m.event));
    expect(leaks(json, [...REAL_VALUES, SUBJECT.phoneE164, '+33612345678', 'piece_identite', 'calls.example', 'abc@orange.fr'])).toEqual([]);
    expect(json).toContain('Camille Martin');
    const ev = (i: number) => masked[i]!.event;
    const msg = (i: number) => messageOf(ev(i))!;
    expect(ev(0)).toMatchObject({ payload: { displayName: 'Citoyen A', identities: [{ kind: 'email', value: 'citoyen-a@exemple.invalid', level: 'channel' }] } });
    expect(ev(1)).toMatchObject({ payload: { citizenName: 'Citoyen A', subject: 'Acte de naissance — Citoyen A' } });
    expect(msg(2)).toMatchObject({ author: { kind: 'citizen', name: 'Citoyen A' }, attachments: [] });
    expect(msg(2).externalId).toBeUndefined();
    expect(masked[2]!.hidden).toEqual({ attachments: 1, recording: false });
    expect(msg(4).call?.recordingUrl).toBeUndefined();
    expect(masked[4]!.hidden).toEqual({ attachments: 0, recording: true });
    // The WhatsApp identity, the call's number and the number in the voicemail text agree.
    const linked = ev(3);
    const fakeWhatsapp = linked.type === 'identity.linked' ? linked.payload.identity.value : 'none';
    expect(msg(4).call?.from).toBe(fakeWhatsapp);
    expect(msg(4).text).toContain(`au 0${fakeWhatsapp.slice(3)}`);
    expect(msg(6).author.name).toBe('Camille Martin');
    expect(ev(7)).toMatchObject({ payload: { messageId: 'msg_3', status: 'failed', reason: '550 mailbox citoyen-a@exemple.invalid unknown' } });
    expect(JSON.stringify(ev(7))).not.toContain('providerMessageId');
  });

  it('masks every string of an event type it does not know, keeping ids and times', () => {
    const masker = new Masker(config());
    const survey = {
      ...base, seq: 9, at: '2025-10-15T10:00:00.000Z', actor: { kind: 'citizen', id: citizenId, name: SUBJECT.displayName }, type: 'survey.answered',
      payload: { surveyId: 'srv_1', score: 4, comment: `Très bien, merci. ${SUBJECT.displayName}, 06 12 34 56 78`, contact: { kind: 'email', value: SUBJECT.email }, audioUrl: 'https://x.example/a.mp3' },
    } as unknown as JournalEvent;
    const { event } = maskEvent(survey, masker);
    expect(event).toMatchObject({ seq: 9, type: 'survey.answered', actor: { name: 'Citoyen A' }, payload: { surveyId: 'srv_1', score: 4, contact: { kind: 'email', value: 'citoyen-a@exemple.invalid' } } });
    expect(JSON.stringify(event)).not.toMatch(/Hélène|12 34 56 78|audioUrl/);
  });
});
